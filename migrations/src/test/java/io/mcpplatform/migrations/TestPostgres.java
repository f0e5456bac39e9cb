package io.mcpplatform.migrations;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away PostgreSQL cluster on 127.0.0.1 with the platform's two roles: {@code mcp_owner} (owns the databases,
 * runs migrations) and {@code mcp_app} (LOGIN NOSUPERUSER NOBYPASSRLS). Each test takes a fresh database. Shared with
 * the other modules' tests through this module's test jar.
 */
public final class TestPostgres implements AutoCloseable {
    public static final String OWNER = "mcp_owner";
    public static final String OWNER_PASSWORD = "owner-Secret-42";
    public static final String APP = "mcp_app";
    public static final String APP_PASSWORD = "app-Secret-42";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final EmbeddedPostgres postgres;

    private TestPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static TestPostgres start() throws IOException, SQLException {
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

    public int port() {
        return postgres.getPort();
    }

    /** A new, empty database owned by {@code mcp_owner}; returns its name. */
    public String createDatabase() throws SQLException {
        String name = "db" + COUNTER.incrementAndGet();
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " OWNER " + OWNER);
        }
        return name;
    }

    /** A new database with every migration applied; returns its name. */
    public String migratedDatabase() throws SQLException {
        String db = createDatabase();
        new MigrationRunner().migrate(ownerSettings(db));
        return db;
    }

    /** Inserts an active tenant per id (slug {@code t} + the id's first 8 hex digits), as the superuser. */
    public void insertTenants(String database, java.util.UUID... ids) throws SQLException {
        try (Connection c = superuser(database); Statement s = c.createStatement()) {
            for (java.util.UUID id : ids) {
                s.executeUpdate("insert into tenants (id, slug, display_name, status) values ('" + id + "', 't"
                        + id.toString().substring(0, 8) + "', 'T', 'ACTIVE')");
            }
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public MigrationSettings ownerSettings(String database) {
        return new MigrationSettings(jdbcUrl(database), OWNER, OWNER_PASSWORD, APP, "public");
    }

    public Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    public Connection owner(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), OWNER, OWNER_PASSWORD);
    }

    public Connection app(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), APP, APP_PASSWORD);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
