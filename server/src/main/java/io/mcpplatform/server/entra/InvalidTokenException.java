package io.mcpplatform.server.entra;

/** A bearer token was rejected; the message says why without echoing the token. */
public final class InvalidTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message) {
        super(message);
    }
}
