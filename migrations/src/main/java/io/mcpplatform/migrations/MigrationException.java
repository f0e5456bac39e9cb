package io.mcpplatform.migrations;

/** A migration failed to apply or the history does not match the code (validation). Never carries a password. */
public class MigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
