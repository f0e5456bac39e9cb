package io.mcpplatform.tenants.store;

import io.mcpplatform.migrations.MigrationRunner;
import io.mcpplatform.migrations.MigrationSettings;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away PostgreSQL cluster on 127.0.0.1 with the platform's two roles: {@code mcp_owner} (owns the databases,
 * runs migrations) and {@code mcp_app} (LOGIN NOSUPERUSER NOBYPASSRLS). Each test takes a fresh database.
 */
final class TestPostgres implements AutoCloseable {
    static final String OWNER = "mcp_owner";
    static final String OWNER_PASSWORD = "owner-Secret-42";
    static final String APP = "mcp_app";
    static final String APP_PASSWORD = "app-Secret-42";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final EmbeddedPostgres postgres;

    private TestPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static TestPostgres start() throws IOException, SQLException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        TestPostgres t = new TestPostgres(pg);
        try (Connection c = t.superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + OWNER + " LOGIN NOSUPERUSER NOCREATEROLE PASSWORD '" + OWNER_PASSWORD + "'");
            s.execute("CREATE ROLE " + APP + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB PASSWORD '"
                    + APP_PASSWORD + "'");
        }
        return t;
    }

    /** A fresh database with every migration applied. */
    String migratedDatabase() throws SQLException {
        String db = createDatabase();
        new MigrationRunner().migrate(ownerSettings(db));
        return db;
    }

    /** Settings to connect as the application role (never the owner, never a superuser). */
    DatabaseSettings appSettings(String database) {
        return DatabaseSettings.parse(jdbcUrl(database), APP, APP_PASSWORD).withPoolSize(4);
    }

    int port() {
        return postgres.getPort();
    }

    /** A new, empty database owned by {@code mcp_owner}; returns its name. */
    String createDatabase() throws SQLException {
        String name = "db" + COUNTER.incrementAndGet();
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " OWNER " + OWNER);
        }
        return name;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    MigrationSettings ownerSettings(String database) {
        return new MigrationSettings(jdbcUrl(database), OWNER, OWNER_PASSWORD, APP, "public");
    }

    Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    Connection owner(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), OWNER, OWNER_PASSWORD);
    }

    Connection app(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), APP, APP_PASSWORD);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
