package io.mcpplatform.server.mcp;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.modelcontextprotocol.spec.McpSchema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * The one place where the transport's refusals become HTTP responses with a JSON-RPC error body
 * ({@code {"jsonrpc":"2.0","id":...,"error":{"code":...,"message":...}}}), and the factory of those refusals.
 */
public final class McpHttpErrors {
    /** JSON-RPC code for refusals that are about the HTTP exchange rather than the message (server error range). */
    public static final int TRANSPORT_ERROR = -32000;
    /** JSON-RPC code for an unknown tenant or session. */
    public static final int NOT_FOUND = -32001;

    private static final ObjectMapper JSON = new ObjectMapper();

    private McpHttpErrors() {
    }

    static McpHttpException parseError(String detail) {
        return new McpHttpException(400, McpSchema.ErrorCodes.PARSE_ERROR, "Parse error: " + detail);
    }

    static McpHttpException invalidRequest(String detail) {
        return new McpHttpException(400, McpSchema.ErrorCodes.INVALID_REQUEST, "Invalid Request: " + detail);
    }

    static McpHttpException missingSession() {
        return new McpHttpException(400, McpSchema.ErrorCodes.INVALID_REQUEST,
                "Invalid Request: Mcp-Session-Id header is required");
    }

    static McpHttpException unsupportedProtocolVersion(String version) {
        return new McpHttpException(400, McpSchema.ErrorCodes.INVALID_REQUEST,
                "Invalid Request: unsupported MCP-Protocol-Version '" + version + "'");
    }

    /** Same answer for unknown and disabled tenants, on purpose. */
    static McpHttpException tenantNotFound() {
        return new McpHttpException(404, NOT_FOUND, "Not found");
    }

    static McpHttpException sessionNotFound() {
        return new McpHttpException(404, NOT_FOUND, "Session not found");
    }

    static McpHttpException tooLarge(int limit) {
        return new McpHttpException(413, McpSchema.ErrorCodes.INVALID_REQUEST,
                "Request body exceeds " + limit + " bytes");
    }

    static McpHttpException notAcceptable(String detail) {
        return new McpHttpException(406, TRANSPORT_ERROR, "Not Acceptable: " + detail);
    }

    static McpHttpException unsupportedMediaType() {
        return new McpHttpException(415, TRANSPORT_ERROR, "Unsupported Media Type: Content-Type must be application/json");
    }

    static McpHttpException forbidden(String detail) {
        return new McpHttpException(403, TRANSPORT_ERROR, "Forbidden: " + detail);
    }

    /** 401 or 403 with the authenticator's {@code WWW-Authenticate} challenge. */
    static McpHttpException unauthenticated(int status, String message, String challenge) {
        return new McpHttpException(status, TRANSPORT_ERROR, (status == 403 ? "Forbidden: " : "Unauthorized: ")
                + message, null, challenge);
    }

    /** 403 with a step-up challenge: a tool needs the user to sign in again (claims challenge). */
    static McpHttpException stepUp(Object requestId, StepUp stepUp) {
        return new McpHttpException(403, TRANSPORT_ERROR, "Forbidden: the user must sign in again", requestId,
                stepUp.challenge());
    }

    static McpHttpException methodNotAllowed() {
        return new McpHttpException(405, TRANSPORT_ERROR, "Method Not Allowed");
    }

    /** Seconds a client refused for the session limit should wait: sessions end by DELETE or idle eviction. */
    static final long SESSION_LIMIT_RETRY_AFTER = 5;

    /** 429: the tenant holds as many sessions on this instance as its limit allows. */
    static McpHttpException tooManySessions(int limit) {
        return new McpHttpException(429, TRANSPORT_ERROR, "Too Many Requests: this endpoint already has " + limit
                + " open sessions; try again later", null, null, SESSION_LIMIT_RETRY_AFTER);
    }

    /** 429: the tenant's request rate is exceeded. */
    static McpHttpException tooManyRequests(long retryAfterSeconds) {
        return new McpHttpException(429, TRANSPORT_ERROR, "Too Many Requests: request rate limit of this endpoint"
                + " exceeded", null, null, retryAfterSeconds);
    }

    /** 503: a service the request needs (the database) is unreachable right now. */
    static McpHttpException temporarilyUnavailable(long retryAfterSeconds) {
        return new McpHttpException(503, TRANSPORT_ERROR, "Service Unavailable: try again later", null, null,
                retryAfterSeconds);
    }

    /** Writes the 429 refusal of the request-rate limit (used by the rate filter, before the endpoint runs). */
    public static void sendTooManyRequests(ServerResponse res, long retryAfterSeconds) {
        send(res, tooManyRequests(retryAfterSeconds), null);
    }

    static McpHttpException shuttingDown() {
        return new McpHttpException(503, TRANSPORT_ERROR, "Server is shutting down");
    }

    static McpHttpException internal(String detail) {
        return new McpHttpException(500, McpSchema.ErrorCodes.INTERNAL_ERROR, "Internal error: " + detail);
    }

    /** Writes the refusal; with 405 also the {@code Allow} header. */
    static void send(ServerResponse res, McpHttpException e, String allow) {
        res.status(Status.create(e.status()));
        if (e.status() == 405 && allow != null) {
            res.header(HeaderNames.ALLOW, allow);
        }
        if (e.retryAfterSeconds() > 0) {
            res.header(HeaderNames.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        if (e.challenge() != null) {
            res.header(HeaderNames.WWW_AUTHENTICATE, e.challenge());
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body(e.requestId(), e.code(), e.getMessage()));
    }

    static byte[] body(Object id, int code, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("jsonrpc", "2.0");
        root.set("id", JSON.valueToTree(id));
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }
}
