package io.mcpplatform.server.mcp;

/**
 * A request the transport refuses: carries the HTTP status and the JSON-RPC error code of the answer. Turned into a
 * response only by {@link McpHttpErrors}.
 */
public final class McpHttpException extends RuntimeException {
    private final int status;
    private final int code;
    private final transient Object requestId;
    private final String challenge;
    private final long retryAfterSeconds;

    McpHttpException(int status, int code, String message) {
        this(status, code, message, null);
    }

    McpHttpException(int status, int code, String message, Object requestId) {
        this(status, code, message, requestId, null);
    }

    McpHttpException(int status, int code, String message, Object requestId, String challenge) {
        this(status, code, message, requestId, challenge, 0);
    }

    McpHttpException(int status, int code, String message, Object requestId, String challenge,
                     long retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
        this.status = status;
        this.code = code;
        this.requestId = requestId;
        this.challenge = challenge;
    }

    /** The {@code WWW-Authenticate} challenge to send, or {@code null}. */
    public String challenge() {
        return challenge;
    }

    /** Seconds for {@code Retry-After}, or 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The JSON-RPC error code. */
    public int code() {
        return code;
    }

    /** The JSON-RPC id the error answers, or {@code null}. */
    public Object requestId() {
        return requestId;
    }
}
