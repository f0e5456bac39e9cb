package io.mcpplatform.server.graph;

/**
 * A Graph call that failed for good (after the allowed retries); the message is meant for the user and never
 * contains a token.
 */
public final class GraphException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public GraphException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code == null ? "" : code;
    }

    public GraphException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.code = "";
    }

    /** The HTTP status Graph answered with, 0 when it did not answer. */
    public int status() {
        return status;
    }

    /** Graph's error code ({@code error.code}), empty when none. */
    public String code() {
        return code;
    }
}
