package io.mcpplatform.devstack.db;

import io.mcpplatform.migrations.MigrationRunner;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;
import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.HibernateTenantRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedDatabaseTest {
    /** Binaries are unpacked once per build, not under /tmp. */
    private static final Path WORK = Path.of("target", "epg-work");

    @TempDir
    Path temp;

    @BeforeAll
    static void binaries() throws IOException {
        Files.createDirectories(WORK);
    }

    private EmbeddedDatabaseSettings settings(Path dir) {
        return EmbeddedDatabaseSettings.defaults().withDirectory(dir).withPort(0).withWorkingDirectory(WORK);
    }

    @Test
    void startStopStartWhenSameDirectoryThenDataAndCredentialsKept() throws Exception {
        Path dir = temp.resolve("pg");
        EmbeddedDatabase first = EmbeddedDatabase.start(settings(dir));
        Credentials owner;
        Credentials app;
        try (first) {
            assertTrue(first.initialized());
            owner = first.owner();
            app = first.app();
            try (Connection c = connect(first, owner); Statement s = c.createStatement()) {
                s.execute("create table notes (id int primary key, body text)");
                s.execute("insert into notes values (1, 'kept')");
            }
        }
        System.out.println("embedded postgres cold start (initdb + roles): " + first.startupTime().toMillis() + " ms");

        EmbeddedDatabase second = EmbeddedDatabase.start(settings(dir));
        try (second) {
            assertFalse(second.initialized());
            assertEquals(owner, second.owner());
            assertEquals(app, second.app());
            try (Connection c = connect(second, owner); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select body from notes where id = 1")) {
                assertTrue(rs.next());
                assertEquals("kept", rs.getString(1));
            }
        }
        System.out.println("embedded postgres warm start: " + second.startupTime().toMillis() + " ms");
        EmbeddedDatabase third = EmbeddedDatabase.start(settings(dir));
        third.close();
        System.out.println("embedded postgres warm start (again): " + third.startupTime().toMillis() + " ms");
    }

    @Test
    void credentialsFileWhenCreatedThenOwnerOnlyAndNotInToString() throws Exception {
        Path dir = temp.resolve("pg");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(settings(dir))) {
            Path file = dir.resolve(EmbeddedDatabase.CREDENTIALS_FILE);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            String text = Files.readString(file);
            assertTrue(text.contains(db.app().password()));
            assertNotEquals(db.app().password(), db.owner().password());
            for (Object o : List.of(db, db.app(), db.owner(), db.databaseSettings(), db.migrationSettings())) {
                assertFalse(o.toString().contains(db.app().password()), o.toString());
                assertFalse(o.toString().contains(db.owner().password()), o.toString());
            }
            assertFalse(Files.exists(dir.resolve(".initdb-pwfile")));
            assertFalse(Files.readString(dir.resolve(EmbeddedDatabase.LOG_FILE)).contains(db.app().password()));
        }
    }

    @Test
    void tcpConnectionWhenNoOrWrongPasswordThenRefused() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(settings(temp.resolve("pg")))) {
            String url = db.jdbcUrl();
            for (String user : List.of("postgres", db.owner().user(), db.app().user())) {
                SQLException none = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, user, ""),
                        user);
                assertTrue(none.getMessage().contains("password"), none.getMessage());
                SQLException wrong = assertThrows(SQLException.class,
                        () -> DriverManager.getConnection(url, user, "not-the-password"), user);
                assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());
            }
            try (Connection c = connect(db, db.app()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select current_user, inet_server_addr()::text")) {
                assertTrue(rs.next());
                assertEquals("mcp_app", rs.getString(1));
                assertEquals("127.0.0.1/32", rs.getString(2));
            }
            try (Connection c = connect(db, db.superuser()); Statement s = c.createStatement()) {
                assertEquals("on", show(s, "fsync"));
                assertEquals("127.0.0.1", show(s, "listen_addresses"));
                assertEquals("scram-sha-256", show(s, "password_encryption"));
                ResultSet hba = s.executeQuery("select count(*) from pg_hba_file_rules"
                        + " where auth_method not in ('scram-sha-256')");
                hba.next();
                assertEquals(0, hba.getInt(1), "every pg_hba line demands SCRAM");
            }
        }
    }

    @Test
    void appRoleWhenRowLevelSecurityForcedThenCannotBypassIt() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(settings(temp.resolve("pg")))) {
            try (Connection c = connect(db, db.owner()); Statement s = c.createStatement()) {
                s.execute("create table notes (user_oid text not null, body text)");
                s.execute("insert into notes values ('u1', 'one'), ('u2', 'two')");
                s.execute("grant select, insert on notes to mcp_app");
                s.execute("alter table notes enable row level security");
                s.execute("alter table notes force row level security");
                s.execute("create policy own_rows on notes to mcp_app"
                        + " using (user_oid = current_setting('app.user_oid', true))");
            }
            try (Connection c = connect(db, db.app()); Statement s = c.createStatement()) {
                assertEquals(0, count(s, "select count(*) from notes"));
                s.execute("select set_config('app.user_oid', 'u1', false)");
                assertEquals(1, count(s, "select count(*) from notes"));
                s.execute("set row_security = off");
                SQLException e = assertThrows(SQLException.class, () -> count(s, "select count(*) from notes"));
                assertTrue(e.getMessage().contains("row-level security"), e.getMessage());
                ResultSet role = s.executeQuery("select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb"
                        + " from pg_roles where rolname = current_user");
                role.next();
                for (int i = 1; i <= 4; i++) {
                    assertFalse(role.getBoolean(i), "attribute " + i);
                }
                assertThrows(SQLException.class, () -> s.execute("alter table notes disable row level security"));
            }
        }
    }

    @Test
    void platformWhenMigratedThenRepositoryWorksAsAppRoleOverScram() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(settings(temp.resolve("pg")))) {
            // the newest applied migration is the code's (version numbers are allotted per branch, so count may differ)
            assertEquals(String.valueOf(MigrationRunner.CODE_VERSION),
                    new MigrationRunner().migrate(db.migrationSettings()).applied().getLast().version());
            try (Database database = Database.create(db.databaseSettings())) {
                assertTrue(database.ping());
                HibernateTenantRepository repository = new HibernateTenantRepository(database);
                Instant now = Instant.parse("2026-01-01T00:00:00Z");
                Tenant demo = new Tenant(UUID.randomUUID(), "demo", "Demo", TenantStatus.ACTIVE, null, ClientPolicy.defaults(),
                        List.of("echo"), Tenant.McpMode.STATEFUL, now, now);
                repository.upsert(demo);
                assertEquals(Optional.of(demo), repository.findBySlug("demo"));
            }
        }
    }

    @Test
    void settingsWhenDirectoryInsideWorkingDirectoryThenRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedDatabaseSettings.defaults().withWorkingDirectory(Path.of(".data")));
        assertTrue(e.getMessage().contains("working directory"), e.getMessage());
    }

    @Test
    void startWhenClusterExistsButCredentialsMissingThenClearError() throws Exception {
        Path dir = temp.resolve("pg");
        EmbeddedDatabase.start(settings(dir)).close();
        Files.delete(dir.resolve(EmbeddedDatabase.CREDENTIALS_FILE));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EmbeddedDatabase.start(settings(dir)));
        assertTrue(e.getMessage().contains("credentials file"), e.getMessage());
    }

    private static Connection connect(EmbeddedDatabase db, Credentials who) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), who.user(), who.password());
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
