package io.mcpplatform.devstack;

import io.mcpplatform.devstack.db.EmbeddedDatabase;
import io.mcpplatform.devstack.db.EmbeddedDatabaseSettings;
import io.mcpplatform.server.db.DatabaseEndpoint;
import io.mcpplatform.server.db.EmbeddedDatabaseProvider;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One embedded PostgreSQL that tests stop and start again on the same port and data directory (a database outage),
 * and that several platform instances share: its provider hands out the endpoint and never stops the server.
 */
final class RestartableDatabase implements AutoCloseable {
    private final EmbeddedDatabaseSettings settings;
    private final DatabaseEndpoint endpoint;
    private EmbeddedDatabase running;

    private RestartableDatabase(EmbeddedDatabaseSettings settings, EmbeddedDatabase running) {
        this.settings = settings;
        this.running = running;
        this.endpoint = new DatabaseEndpoint(running.jdbcUrl(), running.app().user(), running.app().password(),
                running.owner().user(), running.owner().password(), running.app().user());
    }

    static RestartableDatabase start(Path dir) {
        EmbeddedDatabaseSettings settings = EmbeddedDatabaseSettings.defaults()
                .withDirectory(dir.resolve("shared-pg"))
                .withWorkingDirectory(dir.resolve("epg-work"))
                .withPort(0);
        EmbeddedDatabase db = EmbeddedDatabase.start(settings);
        return new RestartableDatabase(settings.withPort(db.port()), db);
    }

    /** For {@code PlatformOptions.withEmbeddedDatabase}: the shared server, left running when a platform closes. */
    EmbeddedDatabaseProvider provider() {
        return config -> new EmbeddedDatabaseProvider.StartedDatabase() {
            @Override
            public DatabaseEndpoint endpoint() {
                return endpoint;
            }

            @Override
            public void close() {
            }
        };
    }

    /** The environment a platform process needs to use this database ({@code DB_URL}, both roles). */
    java.util.Map<String, String> environment() {
        return java.util.Map.of("DB_URL", endpoint.jdbcUrl(), "DB_USER", endpoint.appUser(),
                "DB_PASSWORD", endpoint.appPassword(), "DB_OWNER_USER", endpoint.ownerUser(),
                "DB_OWNER_PASSWORD", endpoint.ownerPassword());
    }

    /** Stops PostgreSQL (fast shutdown: open connections are terminated). */
    synchronized void stop() {
        running.close();
        running = null;
    }

    /** Starts it again on the same port and data. */
    synchronized void restart() {
        running = EmbeddedDatabase.start(settings);
    }

    /** A JDBC connection as the owner (bypasses nothing: the owner sees every row of tables it owns). */
    Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword());
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.close();
        }
    }
}
