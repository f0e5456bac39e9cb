package io.mcpplatform.server.oauth.clients;

/**
 * A refused registration request (RFC 7591 §3.2.2): {@code invalid_redirect_uri}, {@code invalid_client_metadata},
 * or a refusal of the endpoint itself. The description names the offending field and never echoes a secret.
 */
public final class ClientRegistrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String error;

    public ClientRegistrationException(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static ClientRegistrationException invalidMetadata(String description) {
        return new ClientRegistrationException(400, "invalid_client_metadata", description);
    }

    static ClientRegistrationException invalidRedirectUri(String description) {
        return new ClientRegistrationException(400, "invalid_redirect_uri", description);
    }

    /** HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The OAuth error code. */
    public String error() {
        return error;
    }

    /** The {@code error_description}. */
    public String description() {
        return getMessage();
    }
}
