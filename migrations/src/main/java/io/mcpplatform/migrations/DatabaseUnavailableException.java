package io.mcpplatform.migrations;

/**
 * The database could not be reached or refused the connection. The message is one line naming {@code host:port} and
 * the cause; it never contains a password.
 */
public class DatabaseUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message) {
        super(message);
    }
}
