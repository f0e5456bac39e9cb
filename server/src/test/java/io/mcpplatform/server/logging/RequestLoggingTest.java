package io.mcpplatform.server.logging;

import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request ids and JSON log lines over real HTTP: one JSON object a line with request id, tenant and user oid. */
class RequestLoggingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger("io.mcpplatform.test.RequestLoggingTest");

    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private final StreamHandler handler = new StreamHandler(lines, new JsonLogFormatter());
    private final HttpClient http = HttpClient.newHttpClient();
    private WebServer server;

    @BeforeEach
    void start() {
        LOG.addHandler(handler);
        LOG.setUseParentHandlers(false);
        HttpRouting.Builder routing = HttpRouting.builder().addFilter(new RequestIdFilter());
        routing.route(Method.GET, "/t/{tenant}/mcp", (req, res) -> {
            RequestContext.user("00000000-0000-0000-0000-0000000000aa");
            LOG.log(Level.WARNING, "handled \"quoted\"\nsecond line", new IllegalStateException("boom"));
            res.send("ok");
        });
        routing.route(Method.GET, "/plain", (req, res) -> {
            LOG.info("plain");
            res.send("ok");
        });
        server = WebServer.builder().host("127.0.0.1").port(0).routing(routing).build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        LOG.removeHandler(handler);
    }

    private HttpResponse<String> get(String path, String requestId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (requestId != null) {
            b.header("X-Request-Id", requestId);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String[] logged() {
        handler.flush();
        return lines.toString(StandardCharsets.UTF_8).split("\\R");
    }

    @Test
    void requestWhenCallerSendsSafeIdThenEchoedAndLoggedWithTenantAndUserAsOneJsonLine() throws Exception {
        HttpResponse<String> res = get("/t/acme/mcp", "edge-1234.abc");
        assertEquals("edge-1234.abc", res.headers().firstValue("X-Request-Id").orElseThrow());
        String[] out = logged();
        assertEquals(1, out.length, String.join("\n", out));
        JsonNode line = JSON.readTree(out[0]);
        assertEquals("edge-1234.abc", line.get("request_id").asText());
        assertEquals("acme", line.get("tenant").asText());
        assertEquals("00000000-0000-0000-0000-0000000000aa", line.get("user_oid").asText());
        assertEquals("WARNING", line.get("level").asText());
        assertEquals("handled \"quoted\"\nsecond line", line.get("message").asText());
        assertTrue(line.get("exception").asText().contains("IllegalStateException: boom"));
    }

    @Test
    void requestWhenCallerIdIsUnsafeThenReplacedByGeneratedId() throws Exception {
        HttpResponse<String> res = get("/plain", "bad id\"with<script>");
        String id = res.headers().firstValue("X-Request-Id").orElseThrow();
        assertNotEquals("bad id\"with<script>", id);
        assertTrue(id.matches("[0-9a-f-]{36}"), id);
        JsonNode line = JSON.readTree(logged()[0]);
        assertEquals(id, line.get("request_id").asText());
        assertFalse(line.has("tenant"));
        assertFalse(line.has("user_oid"));
    }

    @Test
    void requestsWhenSentOneAfterAnotherThenContextDoesNotLeakBetweenThem() throws Exception {
        get("/t/acme/mcp", "first");
        get("/plain", "second");
        String[] out = logged();
        JsonNode second = JSON.readTree(out[out.length - 1]);
        assertEquals("second", second.get("request_id").asText());
        assertFalse(second.has("user_oid"));
        assertFalse(second.has("tenant"));
    }
}
