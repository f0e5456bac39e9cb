package io.mcpplatform.server.mcp;

import io.helidon.webserver.http.ServerRequest;
import io.modelcontextprotocol.spec.McpSchema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Reads one POST body with a hard size limit and turns it into one JSON-RPC message of the SDK, refusing malformed
 * JSON ({@code -32700}) and JSON that is not a single JSON-RPC 2.0 message ({@code -32600}).
 */
final class JsonRpcReader {
    /** The first buffer when the length is not announced (chunked bodies). */
    private static final int INITIAL_BUFFER = 1024;
    private final ObjectMapper json;
    private final int maxBytes;

    JsonRpcReader(ObjectMapper json, int maxBytes) {
        this.json = json.copy()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.maxBytes = maxBytes;
    }

    /**
     * Reads the body, at most {@code maxBytes}, whatever Content-Length says or does not say. The buffer starts at the
     * announced length (one byte more, to see the end) or small, and grows only when the body is longer: a fixed
     * 16 KiB buffer per request was the largest allocation on the request path (JFR, issue 9).
     */
    byte[] readBody(ServerRequest req) {
        long announced = req.headers().contentLength().orElse(-1L);
        if (announced > maxBytes) {
            throw McpHttpErrors.tooLarge(maxBytes);
        }
        int initial = announced >= 0 ? (int) announced + 1 : INITIAL_BUFFER;
        byte[] buffer = new byte[Math.min(maxBytes + 1, initial)];
        int length = 0;
        try (InputStream in = req.content().inputStream()) {
            while (true) {
                if (length == buffer.length) {
                    if (length > maxBytes) {
                        throw McpHttpErrors.tooLarge(maxBytes);
                    }
                    buffer = Arrays.copyOf(buffer, Math.min(Math.max(buffer.length * 2, INITIAL_BUFFER), maxBytes + 1));
                }
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
                if (length > maxBytes) {
                    throw McpHttpErrors.tooLarge(maxBytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }

    /** Parses and classifies one message. */
    McpSchema.JSONRPCMessage parse(byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw McpHttpErrors.parseError("body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            throw McpHttpErrors.parseError("body is empty");
        }
        if (node.isArray()) {
            throw McpHttpErrors.invalidRequest("batches are not supported; send one JSON-RPC message");
        }
        if (!node.isObject()) {
            throw McpHttpErrors.invalidRequest("a JSON-RPC message must be a JSON object");
        }
        JsonNode version = node.get("jsonrpc");
        if (version == null || !version.isTextual() || !"2.0".equals(version.asText())) {
            throw McpHttpErrors.invalidRequest("\"jsonrpc\" must be \"2.0\"");
        }
        JsonNode id = node.get("id");
        boolean hasId = id != null;
        if (hasId && !(id.isTextual() || id.isIntegralNumber())) {
            throw McpHttpErrors.invalidRequest("\"id\" must be a string or an integer");
        }
        JsonNode method = node.get("method");
        Class<? extends McpSchema.JSONRPCMessage> type;
        if (method != null) {
            if (!method.isTextual() || method.asText().isEmpty()) {
                throw McpHttpErrors.invalidRequest("\"method\" must be a non-empty string");
            }
            JsonNode params = node.get("params");
            if (params != null && !params.isObject() && !params.isNull()) {
                throw McpHttpErrors.invalidRequest("\"params\" must be an object");
            }
            type = hasId ? McpSchema.JSONRPCRequest.class : McpSchema.JSONRPCNotification.class;
        } else if (node.has("result") || node.has("error")) {
            if (!hasId) {
                throw McpHttpErrors.invalidRequest("a response needs an \"id\"");
            }
            type = McpSchema.JSONRPCResponse.class;
        } else {
            throw McpHttpErrors.invalidRequest("neither a request, a notification nor a response");
        }
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw McpHttpErrors.invalidRequest("message does not match the JSON-RPC schema");
        }
    }
}
