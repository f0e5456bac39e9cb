package io.mcpplatform.server.entra.store;

import io.mcpplatform.migrations.TestPostgres;
import io.mcpplatform.server.crypto.AesGcmSecretBox;
import io.mcpplatform.server.crypto.SecretBoxException;
import io.mcpplatform.server.entra.EntraTokens;
import io.mcpplatform.server.entra.UpstreamTokenStore;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;
import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.DatabaseSettings;
import io.mcpplatform.tenants.store.HibernateTenantRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sealed Entra token store on a real PostgreSQL, connected as the application role (RLS applies). */
class PostgresUpstreamTokenStoreTest {
    static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123456Z");
    static final String ALICE = "a11ce000-0000-4000-8000-00000000a11c";
    static final String BOB = "b0b00000-0000-4000-8000-000000000b0b";
    static TestPostgres pg;

    String db;
    Database database;
    PostgresUpstreamTokenStore store;
    UUID tenantA;
    UUID tenantB;
    final byte[] key = new byte[32];

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    @BeforeEach
    void open() throws Exception {
        db = pg.migratedDatabase();
        database = Database.create(DatabaseSettings.parse(pg.jdbcUrl(db), TestPostgres.APP, TestPostgres.APP_PASSWORD)
                .withPoolSize(2));
        HibernateTenantRepository tenants = new HibernateTenantRepository(database);
        tenantA = tenants.upsert(tenant("tenant-a")).id();
        tenantB = tenants.upsert(tenant("tenant-b")).id();
        Arrays.fill(key, (byte) 7);
        store = new PostgresUpstreamTokenStore(database, new AesGcmSecretBox(key), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void findWhenSavedThenSameTokensAndUserRecorded() throws Exception {
        EntraTokens tokens = tokens(ALICE, "access-1");
        UUID id = store.save(tenantA, tokens);

        assertEquals(Optional.of(tokens), store.find(tenantA, ALICE, id));
        try (Connection c = pg.superuser(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select oid, tid, name, username, first_seen from platform_users")) {
            assertTrue(rs.next());
            assertEquals(ALICE, rs.getString(1));
            assertEquals("Alice Demo", rs.getString(3));
            assertEquals("alice@demo.example", rs.getString(4));
            assertFalse(rs.next());
        }
    }

    @Test
    void findLatestWhenSeveralSignInsThenMostRecentlyWrittenOfThisUserOnly() {
        UUID first = store.save(tenantA, tokens(ALICE, "first"));
        PostgresUpstreamTokenStore later = new PostgresUpstreamTokenStore(database, new AesGcmSecretBox(key),
                Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        UUID second = later.save(tenantA, tokens(ALICE, "second"));
        store.save(tenantA, tokens(BOB, "bob"));

        UpstreamTokenStore.Stored latest = store.findLatest(tenantA, ALICE).orElseThrow();
        assertEquals(second, latest.id());
        assertEquals("second", latest.tokens().accessToken());
        assertTrue(store.findLatest(tenantB, ALICE).isEmpty());
        assertTrue(store.findLatest(tenantA, "").isEmpty());

        PostgresUpstreamTokenStore evenLater = new PostgresUpstreamTokenStore(database, new AesGcmSecretBox(key),
                Clock.fixed(NOW.plusSeconds(120), ZoneOffset.UTC));
        evenLater.update(tenantA, first, tokens(ALICE, "first-refreshed"));
        assertEquals(first, store.findLatest(tenantA, ALICE).orElseThrow().id());
    }

    @Test
    void saveWhenStoredThenNoPlaintextInTheRow() throws Exception {
        store.save(tenantA, tokens(ALICE, "very-secret-access-token"));
        try (Connection c = pg.superuser(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select ciphertext from upstream_tokens")) {
            assertTrue(rs.next());
            String raw = new String(rs.getBytes(1), StandardCharsets.ISO_8859_1);
            assertFalse(raw.contains("very-secret-access-token"));
            assertFalse(raw.contains("refresh-"));
        }
    }

    @Test
    void findWhenOtherTenantOrUserThenEmpty() {
        UUID id = store.save(tenantA, tokens(ALICE, "a"));

        assertEquals(Optional.empty(), store.find(tenantB, ALICE, id));
        assertEquals(Optional.empty(), store.find(tenantA, BOB, id));
        assertTrue(store.find(tenantA, ALICE, id).isPresent());
    }

    @Test
    void findWhenAppRoleWithoutScopeThenRowLevelSecurityHidesRows() throws Exception {
        store.save(tenantA, tokens(ALICE, "a"));
        try (Connection c = pg.app(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from upstream_tokens")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void findWhenCiphertextTamperedThenSecretBoxException() throws Exception {
        UUID id = store.save(tenantA, tokens(ALICE, "a"));
        try (Connection c = pg.superuser(db);
             PreparedStatement p = c.prepareStatement("update upstream_tokens set ciphertext = "
                     + "overlay(ciphertext placing '\\x00'::bytea from 20 for 1) where id = ?")) {
            p.setObject(1, id);
            assertEquals(1, p.executeUpdate());
        }
        assertThrows(SecretBoxException.class, () -> store.find(tenantA, ALICE, id));
    }

    @Test
    void findWhenCiphertextCopiedToAnotherRowThenSecretBoxException() throws Exception {
        UUID alice = store.save(tenantA, tokens(ALICE, "alice-token"));
        UUID bob = store.save(tenantA, tokens(BOB, "bob-token"));
        try (Connection c = pg.superuser(db);
             PreparedStatement p = c.prepareStatement("update upstream_tokens set ciphertext = "
                     + "(select ciphertext from upstream_tokens where id = ?) where id = ?")) {
            p.setObject(1, alice);
            p.setObject(2, bob);
            assertEquals(1, p.executeUpdate());
        }
        assertThrows(SecretBoxException.class, () -> store.find(tenantA, BOB, bob));
    }

    @Test
    void findWhenAnotherKeyThenSecretBoxException() {
        UUID id = store.save(tenantA, tokens(ALICE, "a"));
        byte[] other = new byte[32];
        PostgresUpstreamTokenStore otherKey = new PostgresUpstreamTokenStore(database, new AesGcmSecretBox(other),
                Clock.systemUTC());
        assertThrows(SecretBoxException.class, () -> otherKey.find(tenantA, ALICE, id));
    }

    @Test
    void updateWhenRefreshedThenNewTokensRead() {
        UUID id = store.save(tenantA, tokens(ALICE, "old"));
        EntraTokens refreshed = tokens(ALICE, "new");

        store.update(tenantA, id, refreshed);

        assertEquals("new", store.find(tenantA, ALICE, id).orElseThrow().accessToken());
    }

    @Test
    void updateWhenOtherTenantThenNoSuchElementAndUnchanged() {
        UUID id = store.save(tenantA, tokens(ALICE, "old"));

        assertThrows(NoSuchElementException.class, () -> store.update(tenantB, id, tokens(ALICE, "new")));
        assertEquals("old", store.find(tenantA, ALICE, id).orElseThrow().accessToken());
    }

    @Test
    void deleteUserWhenTwoSignInsThenBothGoneOthersKept() {
        UUID a1 = store.save(tenantA, tokens(ALICE, "1"));
        store.save(tenantA, tokens(ALICE, "2"));
        UUID b = store.save(tenantA, tokens(BOB, "3"));

        assertEquals(2, store.deleteUser(tenantA, ALICE));
        assertEquals(Optional.empty(), store.find(tenantA, ALICE, a1));
        assertTrue(store.find(tenantA, BOB, b).isPresent());
        assertEquals(0, store.deleteUser(tenantB, BOB));
    }

    private static EntraTokens tokens(String oid, String access) {
        boolean alice = oid.equals(ALICE);
        return new EntraTokens(access, "refresh-" + access, NOW.plusSeconds(3600).truncatedTo(ChronoUnit.MILLIS),
                Set.of("api://x/access_as_user"), "7d3c9f0e-5b1a-4c2d-8e6f-0a1b2c3d4e5f", oid,
                alice ? "Alice Demo" : "Bob Demo", alice ? "alice@demo.example" : "bob@demo.example");
    }

    private static Tenant tenant(String slug) {
        return new Tenant(UUID.randomUUID(), slug, slug, TenantStatus.ACTIVE, null, ClientPolicy.defaults(),
                List.of("echo"), Tenant.McpMode.STATEFUL, NOW, NOW);
    }
}
