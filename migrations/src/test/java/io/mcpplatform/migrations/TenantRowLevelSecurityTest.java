package io.mcpplatform.migrations;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The tenant-level row-level security of the OAuth tables (V18), exercised as the application role on a migrated
 * database with two tenants holding one row each per table: without {@code app.tenant_id} the role sees nothing;
 * scoped to tenant A it reads, changes and inserts tenant A's rows only. Rows are seeded and counted by the superuser.
 */
class TenantRowLevelSecurityTest {
    /** Each tenant-scoped table with an insert of one valid row; the single parameter is the tenant id. */
    static final Map<String, String> INSERTS = new LinkedHashMap<>();

    static {
        INSERTS.put("oauth_clients", "insert into oauth_clients (id, tenant_id, client_id, registration_type)"
                + " values (gen_random_uuid(), ?::uuid, gen_random_uuid()::text, 'DYNAMIC')");
        INSERTS.put("pending_authorizations", "insert into pending_authorizations (id, tenant_id, client_id,"
                + " redirect_uri, code_challenge, scopes, resource, entra_state_hash, platform_verifier, nonce,"
                + " created_at, expires_at) values (gen_random_uuid(), ?::uuid, 'client', 'https://app.example/cb',"
                + " repeat('a', 43), '{mcp}', 'https://mcp.example/t/a/mcp', gen_random_uuid()::text, '\\x00'::bytea,"
                + " 'nonce', now(), now() + interval '10 minutes')");
        INSERTS.put("authorization_codes", "insert into authorization_codes (id, tenant_id, code_hash, client_id,"
                + " redirect_uri, code_challenge, scope, resource, user_tid, user_oid, created_at, expires_at)"
                + " values (gen_random_uuid(), ?::uuid, gen_random_uuid()::text, 'client', 'https://app.example/cb',"
                + " repeat('a', 43), 'mcp', 'https://mcp.example/t/a/mcp', 'tid', 'oid', now(),"
                + " now() + interval '60 seconds')");
        INSERTS.put("signing_keys", "insert into signing_keys (kid, tenant_id, algorithm, public_jwk,"
                + " private_key_ciphertext, created_at, activated_at, retired_at) values (gen_random_uuid()::text,"
                + " ?::uuid, 'RS256', '{\"kty\":\"RSA\"}', '\\x00'::bytea, now(), now(), now())");
        INSERTS.put("refresh_tokens", "insert into refresh_tokens (id, tenant_id, family_id, client_id, user_tid,"
                + " user_oid, scope, token_hash, created_at, expires_at, absolute_expires_at, access_token_jti,"
                + " access_token_expires_at) values (gen_random_uuid(), ?::uuid, gen_random_uuid(), 'client', 'tid',"
                + " 'oid', 'mcp', gen_random_uuid()::text, now(), now() + interval '1 day', now() + interval '30 days',"
                + " gen_random_uuid()::text, now() + interval '1 hour')");
        INSERTS.put("audit_log", "insert into audit_log (id, tenant_id, at, action) values (gen_random_uuid(),"
                + " ?::uuid, now(), 'tools/call')");
        INSERTS.put("revoked_access_tokens", "insert into revoked_access_tokens (jti, tenant_id, revoked_at,"
                + " expires_at) values (gen_random_uuid()::text, ?::uuid, now(), now() + interval '1 hour')");
    }

    private static final UUID TENANT_A = UUID.randomUUID();
    private static final UUID TENANT_B = UUID.randomUUID();

    private static TestPostgres pg;
    private static String db;

    @BeforeAll
    static void seed() throws Exception {
        pg = TestPostgres.start();
        db = pg.migratedDatabase();
        pg.insertTenants(db, TENANT_A, TENANT_B);
        try (Connection c = pg.superuser(db)) {
            for (UUID t : new UUID[]{TENANT_A, TENANT_B}) {
                for (String insert : INSERTS.values()) {
                    insert(c, insert, t);
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    static Set<String> tables() {
        return INSERTS.keySet();
    }

    /** The tables the application role may update and delete in (the audit log is append-only for it, V8). */
    static Set<String> changeableTables() {
        Set<String> out = new java.util.LinkedHashSet<>(INSERTS.keySet());
        out.remove("audit_log");
        return out;
    }

    @ParameterizedTest
    @MethodSource("tables")
    void appRoleWhenNoTenantContextThenSeesNoRow(String table) throws Exception {
        try (Connection app = pg.app(db)) {
            assertEquals(0, count(app, "select count(*) from " + table));
        }
        try (Connection su = pg.superuser(db)) {
            assertEquals(2, count(su, "select count(*) from " + table), "the rows the app role did not see");
        }
    }

    @ParameterizedTest
    @MethodSource("tables")
    void appRoleWhenScopedToTenantAThenReadsOnlyTenantARows(String table) throws Exception {
        try (Connection app = scoped(TENANT_A)) {
            assertEquals(1, count(app, "select count(*) from " + table));
            assertEquals(0, count(app, "select count(*) from " + table + " where tenant_id = '" + TENANT_B + "'"));
        }
    }

    @ParameterizedTest
    @MethodSource("tables")
    void appRoleWhenScopedToTenantAThenCannotInsertTenantBRow(String table) throws Exception {
        try (Connection app = scoped(TENANT_A)) {
            SQLException e = assertThrows(SQLException.class, () -> insert(app, INSERTS.get(table), TENANT_B));
            assertEquals("42501", e.getSQLState(), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("changeableTables")
    void appRoleWhenScopedToTenantAThenCannotChangeDeleteOrMoveRowsAcrossTenants(String table) throws Exception {
        try (Connection app = scoped(TENANT_A); Statement s = app.createStatement()) {
            assertEquals(0, s.executeUpdate("update " + table + " set tenant_id = tenant_id where tenant_id = '"
                    + TENANT_B + "'"));
            assertEquals(0, s.executeUpdate("delete from " + table + " where tenant_id = '" + TENANT_B + "'"));
            SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("update " + table
                    + " set tenant_id = '" + TENANT_B + "'"));
            assertEquals("42501", e.getSQLState(), e.getMessage());
        }
        try (Connection su = pg.superuser(db)) {
            assertEquals(1, count(su, "select count(*) from " + table + " where tenant_id = '" + TENANT_B + "'"));
        }
    }

    @Test
    void purgeExpiredAuthorizationCodesWhenCalledByTheAppRoleThenOnlyExpiredCodesOfEveryTenantGo() throws Exception {
        String expired = "insert into authorization_codes (id, tenant_id, code_hash, client_id, redirect_uri,"
                + " code_challenge, scope, resource, user_tid, user_oid, created_at, expires_at) values"
                + " (gen_random_uuid(), ?::uuid, gen_random_uuid()::text, 'client', 'https://app.example/cb',"
                + " repeat('a', 43), 'mcp', 'https://r.example', 'tid', 'purge-me', now() - interval '2 hours',"
                + " now() - interval '2 hours' + interval '30 seconds')";
        try (Connection su = pg.superuser(db)) {
            insert(su, expired, TENANT_A);
            insert(su, expired, TENANT_B);
        }
        try (Connection app = pg.app(db)) {
            assertEquals(2, count(app, "select purge_expired_authorization_codes(now() - interval '1 hour')"));
        }
        try (Connection su = pg.superuser(db)) {
            assertEquals(0, count(su, "select count(*) from authorization_codes where user_oid = 'purge-me'"));
            assertEquals(2, count(su, "select count(*) from authorization_codes"), "live codes are kept");
        }
    }

    @Test
    void purgeExpiredRefreshAndRevokedTokensWhenCalledByTheAppRoleThenOnlyExpiredRowsOfEveryTenantGo()
            throws Exception {
        String expiredRefresh = INSERTS.get("refresh_tokens").replace("now()", "(now() - interval '40 days')");
        String expiredRevoked = INSERTS.get("revoked_access_tokens").replace("now()", "(now() - interval '2 hours')");
        try (Connection su = pg.superuser(db)) {
            for (UUID t : new UUID[]{TENANT_A, TENANT_B}) {
                insert(su, expiredRefresh, t);
                insert(su, expiredRevoked, t);
            }
        }
        try (Connection app = pg.app(db)) {
            assertEquals(2, count(app, "select purge_expired_refresh_tokens(now())"));
            assertEquals(2, count(app, "select purge_expired_revoked_access_tokens(now())"));
        }
        try (Connection su = pg.superuser(db)) {
            assertEquals(2, count(su, "select count(*) from refresh_tokens"), "live refresh tokens are kept");
            assertEquals(2, count(su, "select count(*) from revoked_access_tokens"), "live entries are kept");
        }
    }

    @Test
    void denyListWhenReadByTheAppRoleWithoutContextThenEveryTenantsLiveTokenIdsOnly() throws Exception {
        try (Connection app = pg.app(db)) {
            assertEquals(2, count(app, "select count(*) from revoked_access_token_jtis(now())"));
            assertEquals(0, count(app, "select count(*) from revoked_access_token_jtis(now() + interval '2 hours')"));
            assertEquals(0, count(app, "select count(*) from revoked_access_tokens"), "the table itself stays hidden");
        }
    }

    @Test
    void platformAuditWhenWrittenAndPagedByTheAppRoleThenEveryTenantAndThePlatformAppear() throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection app = pg.app(db)) {
            assertEquals(1, count(app, "select audit_platform_entry('" + id + "', now(), 'operator', null,"
                    + " 'admin.tenant.deleted', '{}')"));
            assertEquals(3, count(app, "select count(*) from audit_platform_page('-infinity', 'infinity', null, null,"
                    + " null, 100, 0)"));
            assertEquals(1, count(app, "select count(*) from audit_platform_page('-infinity', 'infinity',"
                    + " 'admin.%', 'operator', null, 100, 0)"));
            assertEquals(0, count(app, "select count(*) from audit_log"), "the table itself stays hidden");
            SQLException e = assertThrows(SQLException.class, () -> app.createStatement().executeUpdate(
                    "insert into audit_log (id, tenant_id, at, action) values (gen_random_uuid(), null, now(), 'x')"));
            assertEquals("42501", e.getSQLState(), "a platform entry only through the function: " + e.getMessage());
        }
        try (Connection su = pg.superuser(db)) {
            assertEquals(1, count(su, "select count(*) from audit_log where tenant_id is null and id = '" + id + "'"));
            su.createStatement().executeUpdate("delete from audit_log where id = '" + id + "'");
        }
    }

    @Test
    void eraseUserAuditWhenCalledByTheAppRoleThenOnlyThatUsersEntriesOfThatTenantGo() throws Exception {
        try (Connection su = pg.superuser(db); Statement s = su.createStatement()) {
            for (UUID t : new UUID[]{TENANT_A, TENANT_B}) {
                s.executeUpdate("insert into audit_log (id, tenant_id, at, actor_oid, action) values"
                        + " (gen_random_uuid(), '" + t + "', now(), 'erase-me', 'tools/call')");
            }
        }
        try (Connection app = pg.app(db)) {
            assertEquals(1, count(app, "select erase_user_audit('" + TENANT_A + "', 'erase-me')"));
        }
        try (Connection su = pg.superuser(db)) {
            assertEquals(1, count(su, "select count(*) from audit_log where actor_oid = 'erase-me'"), "tenant B's");
            su.createStatement().executeUpdate("delete from audit_log where actor_oid = 'erase-me'");
        }
    }

    @Test
    void clientLookupWhenCalledOutsideATransactionThenScopedToItsTenantForThatStatementOnly() throws Exception {
        try (Connection su = pg.superuser(db); Statement s = su.createStatement()) {
            s.executeUpdate("insert into oauth_clients (id, tenant_id, client_id, registration_type) values"
                    + " (gen_random_uuid(), '" + TENANT_B + "', 'client-of-b', 'DYNAMIC')");
        }
        try (Connection app = pg.app(db)) {
            assertEquals(1, count(app, "select count(*) from oauth_client_in_tenant('" + TENANT_B
                    + "', 'client-of-b')"));
            assertEquals(0, count(app, "select count(*) from oauth_client_in_tenant('" + TENANT_A
                    + "', 'client-of-b')"), "another tenant's client");
            assertEquals(0, count(app, "select count(*) from oauth_clients"), "the scope ended with the statement");
        }
        try (Connection su = pg.superuser(db); Statement s = su.createStatement()) {
            s.executeUpdate("delete from oauth_clients where client_id = 'client-of-b'");
        }
    }

    @Test
    void ownerWhenReadingThenSeesEveryTenantButCannotInsertWithoutATenant() throws Exception {
        try (Connection owner = pg.owner(db)) {
            assertEquals(2, count(owner, "select count(*) from signing_keys"));
            SQLException e = assertThrows(SQLException.class,
                    () -> insert(owner, INSERTS.get("oauth_clients"), TENANT_A));
            assertEquals("42501", e.getSQLState(), e.getMessage());
        }
    }

    /** An app-role connection scoped to the tenant for the whole session. */
    private static Connection scoped(UUID tenant) throws SQLException {
        Connection c = pg.app(db);
        try (PreparedStatement s = c.prepareStatement("select set_config('app.tenant_id', ?, false)")) {
            s.setString(1, tenant.toString());
            s.execute();
        }
        return c;
    }

    private static void insert(Connection c, String sql, UUID tenant) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, tenant.toString());
            s.executeUpdate();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
