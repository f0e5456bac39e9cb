package io.mcpplatform.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;

/**
 * The benchmark's ceiling: a plain Helidon JSON endpoint on the same server that parses a JSON-RPC-shaped request
 * and answers with the echoed message, without MCP, tenancy or authentication. Off unless
 * {@code platform.benchmark-endpoint} is true (never in production).
 */
public final class PlainJsonEndpoint {
    /** Where it listens on the public socket. */
    public static final String PATH = "/bench/plain";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainJsonEndpoint() {
    }

    /** Registers {@code POST /bench/plain}. */
    public static void routing(HttpRouting.Builder routing) {
        routing.post(PATH, PlainJsonEndpoint::handle);
    }

    private static void handle(ServerRequest req, ServerResponse res) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(req.content().inputStream());
        } catch (IOException e) {
            res.status(Status.BAD_REQUEST_400).send();
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("jsonrpc", "2.0");
        answer.set("id", request.path("id"));
        ObjectNode result = answer.putObject("result");
        result.putArray("content").addObject().put("type", "text")
                .put("text", request.path("params").path("arguments").path("message").asText(""));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(JSON.writeValueAsBytes(answer));
    }
}
