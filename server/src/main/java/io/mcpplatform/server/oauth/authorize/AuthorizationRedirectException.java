package io.mcpplatform.server.oauth.authorize;

import java.util.Objects;

/**
 * A refusal that goes back to the (already validated) client redirect URI as an RFC 6749 §4.1.2.1 error with
 * {@code state} and {@code iss}.
 */
public final class AuthorizationRedirectException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ClientRedirect target;
    private final String error;

    public AuthorizationRedirectException(ClientRedirect target, String error, String description) {
        super(description, null, false, false);
        this.target = Objects.requireNonNull(target, "target");
        this.error = Objects.requireNonNull(error, "error");
    }

    /** The URL to send the browser to. */
    public String location() {
        return target.error(error, getMessage());
    }

    /** The OAuth error code. */
    public String error() {
        return error;
    }
}
