package io.mcpplatform.devstack.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how the local embedded PostgreSQL runs.
 *
 * @param directory        holds the cluster ({@code pgdata/}), the generated credentials ({@code credentials.properties},
 *                         mode 0600) and the server log ({@code postgres.log}); default {@code ./.data/postgres}
 * @param port             TCP port on 127.0.0.1; default {@value #DEFAULT_PORT}; 0 picks a free one
 * @param workingDirectory where the PostgreSQL binaries are unpacked; default {@code ./.data/epg-work}. Must not be
 *                         the parent of {@code directory}: zonky deletes stale clusters it finds in its working
 *                         directory
 * @param database         database created for the platform; default {@code mcp}
 * @param ownerRole        role that owns the database and runs migrations; default {@code mcp_owner}
 * @param appRole          role the application connects as (LOGIN NOSUPERUSER NOBYPASSRLS); default {@code mcp_app}
 * @param startupWait      how long to wait for the server to accept connections; default 30 s
 */
public record EmbeddedDatabaseSettings(Path directory,
                                       int port,
                                       Path workingDirectory,
                                       String database,
                                       String ownerRole,
                                       String appRole,
                                       Duration startupWait) {

    /** Default port (not 5432, so that it does not collide with a locally installed PostgreSQL). */
    public static final int DEFAULT_PORT = 5433;
    /** Default data directory, relative to the working directory of the process. */
    public static final Path DEFAULT_DIRECTORY = Path.of(".data", "postgres");
    /** Default directory for the unpacked binaries. */
    public static final Path DEFAULT_WORKING_DIRECTORY = Path.of(".data", "epg-work");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public EmbeddedDatabaseSettings {
        directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory").toAbsolutePath().normalize();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("embedded database port must be 0 (any free port) to 65535, got " + port);
        }
        if (directory.startsWith(workingDirectory)) {
            throw new IllegalArgumentException("embedded database directory " + directory
                    + " must not lie inside the binaries' working directory " + workingDirectory
                    + " (zonky cleans up old clusters there)");
        }
        for (String[] id : new String[][] {{"database", database}, {"owner role", ownerRole}, {"app role", appRole}}) {
            if (id[1] == null || !IDENTIFIER.matcher(id[1]).matches()) {
                throw new IllegalArgumentException("embedded database " + id[0] + " '" + id[1]
                        + "' must be a plain SQL identifier (lower-case letters, digits, underscores)");
            }
        }
        if (ownerRole.equals(appRole)) {
            throw new IllegalArgumentException("owner role and app role must differ");
        }
        Objects.requireNonNull(startupWait, "startupWait");
    }

    /** The defaults: {@code ./.data/postgres}, port 5433, {@code ./.data/epg-work}, {@code mcp}, {@code mcp_owner}, {@code mcp_app}. */
    public static EmbeddedDatabaseSettings defaults() {
        return new EmbeddedDatabaseSettings(DEFAULT_DIRECTORY, DEFAULT_PORT, DEFAULT_WORKING_DIRECTORY, "mcp",
                "mcp_owner", "mcp_app", Duration.ofSeconds(30));
    }

    /** A copy with another data directory. */
    public EmbeddedDatabaseSettings withDirectory(Path dir) {
        return new EmbeddedDatabaseSettings(dir, port, workingDirectory, database, ownerRole, appRole, startupWait);
    }

    /** A copy with another port (0: any free port). */
    public EmbeddedDatabaseSettings withPort(int newPort) {
        return new EmbeddedDatabaseSettings(directory, newPort, workingDirectory, database, ownerRole, appRole,
                startupWait);
    }

    /** A copy with another binaries directory. */
    public EmbeddedDatabaseSettings withWorkingDirectory(Path dir) {
        return new EmbeddedDatabaseSettings(directory, port, dir, database, ownerRole, appRole, startupWait);
    }
}
