package io.mcpplatform.server.oauth.authorize;

/**
 * A refusal that must not go back to the client's redirect URI (unknown client, invalid redirect URI, unknown or
 * reused state, a tampered consent form): answered with an HTML error page, never a redirect.
 */
public final class AuthorizationPageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String title;

    public AuthorizationPageException(int status, String title, String message) {
        super(message, null, false, false);
        this.status = status;
        this.title = title;
    }

    static AuthorizationPageException badRequest(String message) {
        return new AuthorizationPageException(400, "This sign-in request cannot be processed", message);
    }

    static AuthorizationPageException forbidden(String message) {
        return new AuthorizationPageException(403, "This request was refused", message);
    }

    static AuthorizationPageException notFound() {
        return new AuthorizationPageException(404, "Not found", "There is no authorization server at this address.");
    }

    static AuthorizationPageException expired() {
        return badRequest("This sign-in request is unknown, was already used or has expired.");
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
