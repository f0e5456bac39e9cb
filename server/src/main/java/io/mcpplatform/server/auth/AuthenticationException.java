package io.mcpplatform.server.auth;

/**
 * A request at the MCP endpoint is not authenticated (401) or lacks the required scope (403). Carries the exact
 * {@code WWW-Authenticate} challenge; the message says why without echoing the token. Turned into a response by the
 * MCP endpoint's error mapping.
 */
public final class AuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String challenge;

    AuthenticationException(int status, String challenge, String message) {
        super(message, null, false, false);
        this.status = status;
        this.challenge = challenge;
    }

    /** 401 or 403. */
    public int status() {
        return status;
    }

    /** The {@code WWW-Authenticate} header value. */
    public String challenge() {
        return challenge;
    }
}
