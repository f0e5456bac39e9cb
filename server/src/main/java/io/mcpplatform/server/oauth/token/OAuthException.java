package io.mcpplatform.server.oauth.token;

import java.util.Optional;

/**
 * An OAuth error response (RFC 6749 section 5.2, RFC 7009, RFC 8707): the {@code error} code, a description that never
 * contains a token or secret, the HTTP status, and for client-authentication failures the {@code WWW-Authenticate}
 * challenge. Turned into a response only by {@link OAuthErrors}.
 */
public final class OAuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String error;
    private final int status;
    private final transient Optional<String> challenge;
    private final long retryAfterSeconds;

    OAuthException(String error, String description, int status, Optional<String> challenge) {
        this(error, description, status, challenge, 0);
    }

    OAuthException(String error, String description, int status, Optional<String> challenge, long retryAfterSeconds) {
        super(description, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
        this.error = error;
        this.status = status;
        this.challenge = challenge;
    }

    /** The OAuth {@code error} code, e.g. {@code invalid_grant}. */
    public String error() {
        return error;
    }

    /** The human-readable {@code error_description}. */
    public String description() {
        return getMessage();
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Seconds for {@code Retry-After}, or 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The {@code WWW-Authenticate} value to send, if any. */
    public Optional<String> challenge() {
        return challenge;
    }
}
