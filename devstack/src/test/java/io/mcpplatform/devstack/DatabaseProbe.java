package io.mcpplatform.devstack;

import io.mcpplatform.server.db.DatabaseEndpoint;
import io.mcpplatform.server.config.EmbeddedDatabaseConfig;
import io.mcpplatform.server.db.EmbeddedDatabaseProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded database of a {@link RunningPlatform}, seen by a test as its owner (which reads every tenant's rows of
 * the OAuth tables through its read policies, V18, so counts are over all tenants): wraps the devstack's provider to learn the endpoint, then counts rows.
 * Used to prove that a refused request changed nothing.
 */
final class DatabaseProbe implements EmbeddedDatabaseProvider {
    /** Tables whose row counts a refused OAuth or MCP request must not change. */
    static final List<String> GUARDED_TABLES = List.of("oauth_clients", "pending_authorizations",
            "authorization_codes", "refresh_tokens", "revoked_access_tokens", "signing_keys");
    /**
     * Tables under FORCE row-level security, which hides rows from the owner too: counted once per (tenant, user)
     * scope the test registered with {@link #scope}.
     */
    static final List<String> SCOPED_TABLES = List.of("consents", "platform_users", "upstream_tokens",
            "obo_token_cache");

    private Connection connection;
    private final List<String[]> scopes = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final EmbeddedPostgresProvider delegate = new EmbeddedPostgresProvider();
    private final AtomicReference<DatabaseEndpoint> endpoint = new AtomicReference<>();

    @Override
    public StartedDatabase start(EmbeddedDatabaseConfig config) {
        StartedDatabase started = delegate.start(config);
        endpoint.set(started.endpoint());
        return new StartedDatabase() {
            @Override
            public DatabaseEndpoint endpoint() {
                return started.endpoint();
            }

            @Override
            public void close() {
                closeConnection();
                started.close();
            }
        };
    }

    private synchronized void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // the database stops next; nothing to keep
        }
    }

    /** Where the database is, with both roles' generated credentials. */
    DatabaseEndpoint endpoint() {
        DatabaseEndpoint e = endpoint.get();
        if (e == null) {
            throw new IllegalStateException("the platform has not started its database");
        }
        return e;
    }

    /** Row counts of {@link #GUARDED_TABLES}, and of {@link #SCOPED_TABLES} summed over the registered scopes. */
    synchronized Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        try {
            Connection c = connection();
            run(c, select(GUARDED_TABLES), rs -> {
                for (int i = 0; i < GUARDED_TABLES.size(); i++) {
                    out.put(GUARDED_TABLES.get(i), rs.getLong(i + 1));
                }
            });
            for (String[] scope : scopes) {
                run(c, "select set_config('app.tenant_id', ?, true), set_config('app.user_oid', ?, true)", rs -> { },
                        scope);
                run(c, select(SCOPED_TABLES), rs -> {
                    for (int i = 0; i < SCOPED_TABLES.size(); i++) {
                        out.merge(SCOPED_TABLES.get(i), rs.getLong(i + 1), Long::sum);
                    }
                });
            }
            c.rollback();
        } catch (SQLException ex) {
            throw new IllegalStateException("counting rows: " + ex.getMessage(), ex);
        }
        return out;
    }

    /** Per-tenant rows (not per user) whose counts tell whether anything of one tenant changed. */
    private static final List<String> TENANT_COUNTS = List.of(
            "(select version from tenants where id = ?::uuid)",
            "(select count(*) from oauth_clients where tenant_id = ?::uuid and revoked_at is null)",
            "(select count(*) from refresh_tokens where tenant_id = ?::uuid and revoked_at is null)",
            "(select count(*) from authorization_codes where tenant_id = ?::uuid)",
            "(select count(*) from revoked_access_tokens where tenant_id = ?::uuid)",
            "(select count(*) from signing_keys where tenant_id = ?::uuid)",
            "(select count(*) from audit_log where tenant_id = ?::uuid)");
    /** Per-user rows under FORCE row-level security, counted in each user's own scope. */
    private static final List<String> USER_COUNTS = List.of(
            "(select count(*) from consents where revoked_at is null)", "(select count(*) from platform_users)",
            "(select count(*) from upstream_tokens)", "(select count(*) from obo_token_cache)",
            "(select count(*) from expenses)");

    /**
     * Everything countable of one tenant: its row version (the ETag), live clients and refresh tokens, codes, deny
     * list, keys, audit entries, and per user live consents, sign-in, sealed tokens and expenses. Equal snapshots
     * before and after a request mean the request changed nothing of that tenant.
     */
    synchronized Map<String, Long> tenantState(String tenantId, List<String> oids) {
        Map<String, Long> out = new LinkedHashMap<>();
        try {
            Connection c = connection();
            String[] ids = java.util.Collections.nCopies(TENANT_COUNTS.size(), tenantId).toArray(String[]::new);
            run(c, "select " + String.join(", ", TENANT_COUNTS), rs -> {
                for (int i = 0; i < TENANT_COUNTS.size(); i++) {
                    out.put(TENANT_COUNTS.get(i), rs.getLong(i + 1));
                }
            }, ids);
            for (String oid : oids) {
                run(c, "select set_config('app.tenant_id', ?, true), set_config('app.user_oid', ?, true)", rs -> { },
                        tenantId, oid);
                run(c, "select " + String.join(", ", USER_COUNTS), rs -> {
                    for (int i = 0; i < USER_COUNTS.size(); i++) {
                        out.put(oid + " " + USER_COUNTS.get(i), rs.getLong(i + 1));
                    }
                });
            }
            c.rollback();
        } catch (SQLException ex) {
            throw new IllegalStateException("counting a tenant's rows: " + ex.getMessage(), ex);
        }
        return out;
    }

    /** Adds the (tenant, user) scopes of a home tenant's user and colleague to the scoped counts. */
    void scope(AttackContext.Home home) {
        scopes.add(new String[]{home.tenant().id().toString(), home.user().oid()});
        scopes.add(new String[]{home.tenant().id().toString(), home.colleague().oid()});
    }

    /** One owner connection for the whole test class (outside autocommit; every use ends with a rollback). */
    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            DatabaseEndpoint e = endpoint();
            connection = DriverManager.getConnection(e.jdbcUrl(), e.ownerUser(), e.ownerPassword());
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private static String select(List<String> tables) {
        return "select " + String.join(", ", tables.stream().map(t -> "(select count(*) from " + t + ")").toList());
    }

    /** A single-number query as the owner, with optional string parameters. */
    long count(String sql, String... params) {
        long[] out = new long[1];
        query(sql, rs -> out[0] = rs.getLong(1), params);
        return out[0];
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private synchronized void query(String sql, Row row, String... params) {
        try {
            Connection c = connection();
            run(c, sql, row, params);
            c.rollback();
        } catch (SQLException ex) {
            throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
        }
    }

    private static void run(Connection c, String sql, Row row, String... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                row.read(rs);
            }
        }
    }
}
