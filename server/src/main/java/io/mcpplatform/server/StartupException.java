package io.mcpplatform.server;

/** The platform cannot start; the message is one line that says why and what to check, never a secret. */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    public StartupException(String message) {
        super(message);
    }
}
