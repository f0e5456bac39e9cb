package io.mcpplatform.server.crypto;

/** A sealed secret could not be opened (tampered with, wrong row, or another key). Carries no secret material. */
public final class SecretBoxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretBoxException(String message) {
        super(message);
    }
}
