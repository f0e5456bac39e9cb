package io.mcpplatform.migrations;

/**
 * The database carries a migration this build does not know: it was migrated by a newer version of the platform.
 * Running older code against it is refused rather than risked.
 */
public class SchemaTooNewException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String databaseVersion;
    private final String codeVersion;

    public SchemaTooNewException(String databaseVersion, String codeVersion) {
        super("database schema is at version " + databaseVersion + " but this build knows migrations only up to version "
                + codeVersion + "; deploy a newer build (or restore the database), do not run this one against it");
        this.databaseVersion = databaseVersion;
        this.codeVersion = codeVersion;
    }

    /** The highest version applied in the database. */
    public String databaseVersion() {
        return databaseVersion;
    }

    /** The highest version this build ships. */
    public String codeVersion() {
        return codeVersion;
    }
}
