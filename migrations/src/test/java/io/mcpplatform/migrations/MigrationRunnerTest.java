package io.mcpplatform.migrations;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationRunnerTest {
    private static final String CODE = String.valueOf(MigrationRunner.CODE_VERSION);
    /** The versions of the migration files present (numbers are allotted per branch, so there may be gaps). */
    private static final List<String> ALL_VERSIONS = migrationVersions();

    private static TestPostgres pg;
    private String db;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void freshDatabase() throws SQLException {
        db = pg.createDatabase();
    }

    @Test
    void migrateWhenDatabaseEmptyThenAppliesEveryMigrationInOrder() throws SQLException {
        MigrationResult result = new MigrationRunner().migrate(pg.ownerSettings(db));

        assertEquals(ALL_VERSIONS, result.applied().stream().map(AppliedMigration::version).toList());
        assertEquals(null, result.schemaVersionBefore());
        assertEquals(CODE, result.schemaVersionAfter());
        assertEquals("create tenants", result.applied().get(1).description());
        assertEquals(List.of("audit_log", "authorization_codes", "consents", "expenses", "oauth_clients", "obo_token_cache",
                "pending_authorizations",
                "platform_users", "refresh_tokens", "revoked_access_tokens", "signing_keys", "tenant_changes", "tenant_credentials", "tenant_registry",
                "tenants", "upstream_tokens"), tables());
    }

    @Test
    void migrateWhenUpToDateThenAppliesNothing() {
        MigrationRunner runner = new MigrationRunner();
        runner.migrate(pg.ownerSettings(db));

        MigrationResult second = runner.migrate(pg.ownerSettings(db));

        assertTrue(second.applied().isEmpty());
        assertEquals(CODE, second.schemaVersionBefore());
        assertEquals(CODE, second.schemaVersionAfter());
        assertEquals(List.of(), runner.pending(pg.ownerSettings(db)));
    }

    @Test
    void pendingWhenDatabaseEmptyThenListsEveryVersionAndChangesNothing() throws SQLException {
        assertEquals(ALL_VERSIONS, new MigrationRunner().pending(pg.ownerSettings(db)));
        assertEquals(List.of(), tables());
    }

    @Test
    void appRoleWhenMigratedThenOwnsNothingAndCannotBypassRowLevelSecurity() throws SQLException {
        new MigrationRunner().migrate(pg.ownerSettings(db));

        try (Connection c = pg.superuser(db); Statement s = c.createStatement()) {
            ResultSet owned = s.executeQuery("select count(*) from pg_class c join pg_roles r on r.oid = c.relowner"
                    + " where r.rolname = 'mcp_app'");
            owned.next();
            assertEquals(0, owned.getInt(1));
            ResultSet role = s.executeQuery("select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb"
                    + " from pg_roles where rolname = 'mcp_app'");
            role.next();
            for (int i = 1; i <= 4; i++) {
                assertFalse(role.getBoolean(i), "mcp_app attribute " + i);
            }
        }
    }

    @Test
    void appRoleWhenMigratedThenCanReadAndWriteTenantsButNotChangeTheSchema() throws SQLException {
        new MigrationRunner().migrate(pg.ownerSettings(db));

        try (Connection c = pg.app(db); Statement s = c.createStatement()) {
            s.executeUpdate(insertTenant("acme"));
            ResultSet rs = s.executeQuery("select slug, version, tool_packs from tenants");
            assertTrue(rs.next());
            assertEquals("acme", rs.getString(1));
            s.executeUpdate("update tenants set display_name = 'ACME' where slug = 'acme'");
            scopeToTenant(s, "acme");
            s.executeUpdate("insert into oauth_clients (id, tenant_id, client_id, registration_type)"
                    + " select gen_random_uuid(), id, 'client-1', 'DYNAMIC' from tenants");

            for (String ddl : List.of("drop table tenants",
                    "alter table tenants add column x int",
                    "alter table tenants drop constraint tenants_slug_check",
                    "truncate tenants",
                    "create table mine (id int)",
                    "update tenant_registry set version = 0",
                    "insert into tenant_changes (version, slug) values (99, 'acme')",
                    "delete from tenant_changes",
                    "select * from flyway_schema_history")) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(ddl), ddl);
                assertTrue(e.getSQLState().equals("42501") || e.getSQLState().equals("42P01"),
                        ddl + " -> " + e.getSQLState() + " " + e.getMessage());
            }
        }
    }

    @Test
    void schemaVersionWhenMigratedThenReadableByAppRoleAndEqualToCodeVersion() throws SQLException {
        new MigrationRunner().migrate(pg.ownerSettings(db));

        try (Connection c = pg.app(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version from schema_version")) {
            assertTrue(rs.next());
            assertEquals(Integer.toString(MigrationRunner.CODE_VERSION), rs.getString(1));
        }
    }

    @Test
    void codeVersionWhenComparedWithMigrationFilesThenNewest() throws Exception {
        int newest;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            newest = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max().orElseThrow();
        }
        assertEquals(newest, MigrationRunner.CODE_VERSION);
    }

    @Test
    void registryVersionWhenTenantsChangeThenMovesAndAppCanReadIt() throws SQLException {
        new MigrationRunner().migrate(pg.ownerSettings(db));

        try (Connection c = pg.app(db); Statement s = c.createStatement()) {
            long v0 = registryVersion(s);
            s.executeUpdate(insertTenant("acme"));
            long v1 = registryVersion(s);
            s.executeUpdate("update tenants set status = 'DISABLED'");
            long v2 = registryVersion(s);
            s.executeUpdate("delete from tenants");
            long v3 = registryVersion(s);
            assertTrue(v0 < v1 && v1 < v2 && v2 < v3, v0 + " " + v1 + " " + v2 + " " + v3);
        }
    }

    @Test
    void deleteTenantWhenClientsRegisteredThenClientsGoToo() throws SQLException {
        new MigrationRunner().migrate(pg.ownerSettings(db));
        try (Connection c = pg.app(db); Statement s = c.createStatement()) {
            s.executeUpdate(insertTenant("acme"));
            scopeToTenant(s, "acme");
            s.executeUpdate("insert into oauth_clients (id, tenant_id, client_id, registration_type)"
                    + " select gen_random_uuid(), id, 'client-1', 'DYNAMIC' from tenants");
            s.executeUpdate("delete from tenants");
        }
        try (Connection owner = pg.owner(db); Statement s = owner.createStatement()) {
            ResultSet rs = s.executeQuery("select count(*) from oauth_clients");
            rs.next();
            assertEquals(0, rs.getInt(1), "counted by the owner, who reads every tenant's clients");
        }
    }

    @Test
    void oauthClientWhenSecretMethodWithoutHashThenRejected() throws SQLException {
        new MigrationRunner().migrate(pg.ownerSettings(db));
        try (Connection c = pg.app(db); Statement s = c.createStatement()) {
            s.executeUpdate(insertTenant("acme"));
            scopeToTenant(s, "acme");
            SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(
                    "insert into oauth_clients (id, tenant_id, client_id, registration_type, token_endpoint_auth_method)"
                            + " select gen_random_uuid(), id, 'c', 'PRE_REGISTERED', 'client_secret_basic' from tenants"));
            assertEquals("23514", e.getSQLState());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Acme", "ACME", "1acme", "-acme", "acme-", "ac--me", "ac_me", "ac.me", "acmé",
            "ac me", "admin", "well-known", "oauth2", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void slugCheckWhenSlugBreaksARuleThenInsertRejected(String slug) throws SQLException {
        new MigrationRunner().migrate(pg.ownerSettings(db));
        try (Connection c = pg.app(db);
             PreparedStatement ps = c.prepareStatement(insertTenantParam())) {
            ps.setString(1, slug);
            SQLException e = assertThrows(SQLException.class, ps::executeUpdate, slug);
            assertEquals("23514", e.getSQLState(), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "acme", "a-b-c", "team42", "a9z", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void slugCheckWhenSlugFollowsRulesThenStored(String slug) throws SQLException {
        new MigrationRunner().migrate(pg.ownerSettings(db));
        try (Connection c = pg.app(db);
             PreparedStatement ps = c.prepareStatement(insertTenantParam())) {
            ps.setString(1, slug);
            assertEquals(1, ps.executeUpdate());
        }
    }

    @Test
    void migrateWhenDatabaseHasNewerMigrationThenSchemaTooNewAndNothingApplied() throws SQLException {
        new MigrationRunner(List.of("classpath:db/migration", "classpath:db/future")).migrate(pg.ownerSettings(db));

        SchemaTooNewException e = assertThrows(SchemaTooNewException.class,
                () -> new MigrationRunner().migrate(pg.ownerSettings(db)));

        assertEquals("999", e.databaseVersion());
        assertEquals(CODE, e.codeVersion());
        assertTrue(e.getMessage().contains("999") && e.getMessage().contains(" " + CODE), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertThrows(SchemaTooNewException.class, () -> new MigrationRunner().pending(pg.ownerSettings(db)));
    }

    @Test
    void migrateWhenHistoryHasFakeHigherRowThenSchemaTooNew() throws SQLException {
        new MigrationRunner().migrate(pg.ownerSettings(db));
        try (Connection c = pg.owner(db); Statement s = c.createStatement()) {
            s.executeUpdate("insert into flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) values (100, '42', 'from the future', 'SQL',"
                    + " 'V42__from_the_future.sql', 1, 'mcp_owner', 1, true)");
        }

        SchemaTooNewException e = assertThrows(SchemaTooNewException.class,
                () -> new MigrationRunner().migrate(pg.ownerSettings(db)));
        assertEquals("42", e.databaseVersion());
    }

    @Test
    void migrateWhenNothingListensThenDatabaseUnavailableWithoutPassword() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String password = "very-Secret-pw-123";
        MigrationSettings settings = new MigrationSettings("jdbc:postgresql://127.0.0.1:" + port + "/mcp",
                "mcp_owner", password, "mcp_app", "public");

        DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
                () -> new MigrationRunner().migrate(settings));

        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertFalse(e.getMessage().contains(password), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(null, e.getCause());
    }

    @Test
    void settingsToStringNeverShowsThePassword() {
        MigrationSettings s = new MigrationSettings("jdbc:postgresql://h:1/db?password=inurl-pw", "o", "the-pw",
                null, null);
        assertFalse(s.toString().contains("the-pw"));
        assertFalse(s.toString().contains("inurl-pw"));
        assertEquals("mcp_app", s.appRole());
        assertEquals("public", s.schema());
        assertEquals("h:1", s.hostAndPort());
    }

    @Test
    void settingsWhenAppRoleIsNotAnIdentifierThenRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MigrationSettings("jdbc:postgresql://h/db", "o", "p", "app; drop table x", null));
        assertTrue(e.getMessage().contains("app role"));
        assertThrows(IllegalArgumentException.class, () -> new MigrationSettings("postgres://h/db", "o", "p", null,
                null));
    }

    @Test
    void mainWhenEnvironmentCompleteThenPrintsOneLinePerMigrationAndExitsZero() {
        Map<String, String> env = Map.of("DB_URL", pg.jdbcUrl(db), "DB_OWNER_USER", TestPostgres.OWNER,
                "DB_OWNER_PASSWORD", TestPostgres.OWNER_PASSWORD, "DB_APP_ROLE", TestPostgres.APP);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = MigrationMain.run(env, print(out), print(err));

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(ALL_VERSIONS.size(), lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("applied V1 grant app role privileges"), lines.get(0));

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(0, MigrationMain.run(env, print(again), print(err)));
        assertEquals("schema up to date at version " + CODE, again.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void mainWhenUrlMissingThenExitsOneWithOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = MigrationMain.run(Map.of("DB_OWNER_USER", "x"), print(new ByteArrayOutputStream()), print(err));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("migration failed: DB_URL is not set"));
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = pg.superuser(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select tablename from pg_tables where schemaname = 'public'"
                     + " and tablename <> 'flyway_schema_history' order by tablename")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static long registryVersion(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select version from tenant_registry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Scopes the session (not just a transaction) to the tenant with this slug, for tenant-level policies. */
    private static void scopeToTenant(Statement s, String slug) throws SQLException {
        s.execute("select set_config('app.tenant_id', (select id::text from tenants where slug = '" + slug
                + "'), false)");
    }

    private static String insertTenant(String slug) {
        return "insert into tenants (id, slug, display_name, status, tool_packs, mcp_mode) values ('"
                + UUID.randomUUID() + "', '" + slug + "', 'Acme', 'ACTIVE', '{echo,graph}', 'STATEFUL')";
    }

    private static String insertTenantParam() {
        return "insert into tenants (id, slug, display_name, status) values (gen_random_uuid(), ?, 'X', 'ACTIVE')";
    }

    private static List<String> migrationVersions() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .sorted().map(String::valueOf).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
