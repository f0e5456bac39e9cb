package io.mcpplatform.devstack.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Graph-shaped answers of the stand-in: JSON bodies and {@code {"error":{"code","message","innerError"}}}. */
final class GraphAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphAnswers() {
    }

    static void error(HttpExchange exchange, int status, String code, String message, Optional<String> retryAfter)
            throws IOException {
        retryAfter.ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
        json(exchange, status, Map.of("error", Map.of("code", code, "message", message,
                "innerError", Map.of("date", Instant.now().toString(), "request-id", UUID.randomUUID().toString()))));
    }

    static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        error(exchange, status, code, message, Optional.empty());
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void noContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
    }
}
