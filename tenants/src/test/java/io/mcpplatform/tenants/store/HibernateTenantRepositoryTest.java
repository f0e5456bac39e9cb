package io.mcpplatform.tenants.store;

import io.mcpplatform.testing.MutableClock;
import io.mcpplatform.migrations.TestPostgres;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.GraphSettings;
import io.mcpplatform.tenants.TenantLimits;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantChanges;
import io.mcpplatform.tenants.TenantSlug;
import io.mcpplatform.tenants.TenantStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HibernateTenantRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

    private static TestPostgres pg;
    private String db;
    private Database database;
    private MutableClock clock;
    private HibernateTenantRepository repository;

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
    void openRepository() throws SQLException {
        db = pg.migratedDatabase();
        database = Database.create(DatabaseSettings.parse(pg.jdbcUrl(db), TestPostgres.APP, TestPostgres.APP_PASSWORD)
                .withPoolSize(4));
        clock = new MutableClock(T0.plusSeconds(60));
        repository = new HibernateTenantRepository(database, clock);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void upsertWhenNewThenStoredAsGivenAndFoundBySlug() {
        Tenant acme = tenant("acme", List.of("graph", "echo", "files"));

        Tenant stored = repository.upsert(acme);

        assertEquals(acme, stored);
        assertEquals(Optional.of(acme), repository.findBySlug("acme"));
        assertEquals(Optional.empty(), repository.findBySlug("other"));
    }

    @Test
    void upsertWhenOptionalFieldsNullAndNoToolPacksThenRoundTrips() {
        Tenant bare = new Tenant(UUID.randomUUID(), "bare", "Bare", TenantStatus.DISABLED, null, ClientPolicy.defaults(), List.of(),
                Tenant.McpMode.STATELESS, T0, T0);

        repository.upsert(bare);

        assertEquals(Optional.of(bare), repository.findBySlug("bare"));
    }

    @Test
    void upsertWhenGraphSettingsGivenThenRoundTripsScopesAndAdminGroup() {
        GraphSettings graph = new GraphSettings(List.of("User.Read", "GroupMember.Read.All", "Files.Read"),
                Optional.of("0b0c0d0e-0000-4000-8000-00000000ad01"));
        Tenant t = new Tenant(UUID.randomUUID(), "graphy", "Graphy", TenantStatus.ACTIVE, null, ClientPolicy.defaults(),
                List.of("graph"), Tenant.McpMode.STATEFUL, graph, T0, T0);

        repository.upsert(t);

        assertEquals(graph, repository.findBySlug("graphy").orElseThrow().graph());
    }

    @Test
    void upsertWhenLimitsGivenThenRoundTripAndOmittedLimitsStayPlatformDefaults() {
        TenantLimits limits = new TenantLimits(OptionalInt.of(250), OptionalInt.empty(), OptionalInt.of(40));
        Tenant t = new Tenant(UUID.randomUUID(), "limited", "Limited", TenantStatus.ACTIVE, null,
                ClientPolicy.defaults(), List.of("echo"), Tenant.McpMode.STATEFUL, GraphSettings.defaults(), limits,
                T0, T0);

        repository.upsert(t);
        repository.upsert(tenant("unlimited", List.of("echo")));

        assertEquals(limits, repository.findBySlug("limited").orElseThrow().limits());
        assertEquals(TenantLimits.defaults(), repository.findBySlug("unlimited").orElseThrow().limits());
    }

    @Test
    void limitOutOfRangeWhenBuildingThenRejectedNamingTheLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TenantLimits(OptionalInt.empty(), OptionalInt.of(0), OptionalInt.empty()));
        assertTrue(e.getMessage().contains("sessions"), e.getMessage());
    }

    @Test
    void upsertWhenGraphSettingsOmittedThenDefaultsUserReadAndNoAdminGroup() {
        repository.upsert(tenant("plain", List.of("echo")));

        assertEquals(GraphSettings.defaults(), repository.findBySlug("plain").orElseThrow().graph());
    }

    @Test
    void upsertWhenSlugExistsThenKeepsIdAndCreatedAtBumpsUpdatedAtAndVersion() throws SQLException {
        Tenant first = repository.upsert(tenant("acme", List.of("echo")));
        long versionBefore = rowVersion("acme");

        EntraApp entra = new EntraApp("11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222",
                "secret:env:ACME_SECRET", "https://login.microsoftonline.us");
        ClientPolicy policy = new ClientPolicy(false, true, List.of("https://app.acme.example/callback"));
        Tenant changed = new Tenant(UUID.randomUUID(), "acme", "ACME Corp", TenantStatus.DISABLED, entra, policy,
                List.of("graph"), Tenant.McpMode.STATELESS, T0.plusSeconds(5), T0.plusSeconds(5));
        Tenant stored = repository.upsert(changed);

        assertEquals(first.id(), stored.id());
        assertEquals(first.createdAt(), stored.createdAt());
        assertEquals(clock.instant(), stored.updatedAt());
        assertEquals("ACME Corp", stored.displayName());
        assertEquals(TenantStatus.DISABLED, stored.status());
        assertEquals(List.of("graph"), stored.toolPacks());
        assertEquals(Tenant.McpMode.STATELESS, stored.mcpMode());
        assertEquals(entra, stored.entra());
        assertEquals(policy, stored.clientPolicy());
        assertEquals(Optional.of(stored), repository.findBySlug("acme"));
        assertEquals(versionBefore + 1, rowVersion("acme"));
        assertEquals(1, repository.findAll().size());
    }

    @Test
    void upsertWhenClockDidNotMoveThenUpdatedAtStillIncreases() {
        Tenant first = repository.upsert(tenant("acme", List.of()));
        clock.set(first.updatedAt().minusSeconds(10));

        Tenant second = repository.upsert(tenant("acme", List.of("echo")));

        assertTrue(second.updatedAt().isAfter(first.updatedAt()));
    }

    @Test
    void findAllWhenSeveralThenOrderedBySlug() {
        for (String slug : List.of("zeta", "a-b", "ab1", "alpha", "abc")) {
            repository.upsert(tenant(slug, List.of()));
        }

        assertEquals(List.of("a-b", "ab1", "abc", "alpha", "zeta"),
                repository.findAll().stream().map(Tenant::slug).toList());
    }

    @Test
    void deleteWhenExistsThenTrueAndGoneThenFalse() {
        repository.upsert(tenant("acme", List.of()));

        assertTrue(repository.delete("acme"));
        assertEquals(Optional.empty(), repository.findBySlug("acme"));
        assertFalse(repository.delete("acme"));
        assertFalse(repository.delete("Not A Slug"));
    }

    @Test
    void changesSinceWhenInsertedUpdatedDeletedThenNamesEachTenantOnceWithItsCurrentRow() {
        repository.upsert(tenant("keep", List.of("echo")));
        long seen = repository.registryVersion();
        repository.upsert(tenant("acme", List.of("echo")));
        repository.upsert(tenant("acme", List.of("echo", "graph")));
        repository.upsert(tenant("gone", List.of("echo")));
        repository.delete("gone");
        repository.delete("keep");

        TenantChanges changes = repository.changesSince(seen).orElseThrow();

        assertEquals(repository.registryVersion(), changes.version());
        assertEquals(List.of("acme"), changes.changed().stream().map(Tenant::slug).toList());
        assertEquals(List.of("echo", "graph"), changes.changed().getFirst().toolPacks());
        assertEquals(java.util.Set.of("gone", "keep"), changes.removed());
    }

    @Test
    void changesSinceWhenNothingChangedThenNoneAtTheSameVersion() {
        repository.upsert(tenant("acme", List.of("echo")));
        long seen = repository.registryVersion();

        assertEquals(Optional.of(TenantChanges.none(seen)), repository.changesSince(seen));
    }

    @Test
    void changesSinceWhenLogPrunedOrVersionAheadThenEmptySoTheCallerReloads() throws SQLException {
        long seen = repository.registryVersion();
        repository.upsert(tenant("acme", List.of("echo")));
        repository.upsert(tenant("beta", List.of("echo")));
        assertEquals(Optional.empty(), repository.changesSince(seen + 1000));
        try (Connection owner = pg.owner(db); PreparedStatement prune = owner.prepareStatement(
                "delete from tenant_changes where version = ?")) {
            prune.setLong(1, seen + 1);
            prune.executeUpdate();
        }

        assertEquals(Optional.empty(), repository.changesSince(seen));
        assertEquals(List.of("beta"), repository.changesSince(seen + 1).orElseThrow().changed().stream()
                .map(Tenant::slug).toList());
    }

    @Test
    void registryVersionWhenTenantInsertedUpdatedDeletedThenMovesEachTime() {
        long v0 = repository.registryVersion();
        repository.upsert(tenant("acme", List.of()));
        long v1 = repository.registryVersion();
        clock.advance(Duration.ofSeconds(1));
        repository.upsert(tenant("acme", List.of("echo")));
        long v2 = repository.registryVersion();
        repository.delete("acme");
        long v3 = repository.registryVersion();
        long v4 = repository.registryVersion();

        assertTrue(v0 < v1 && v1 < v2 && v2 < v3, List.of(v0, v1, v2, v3).toString());
        assertEquals(v3, v4, "reading does not move it");
    }

    @Test
    void repositoryWhenCalledFromVirtualThreadsThenEveryCallWorks() throws Exception {
        int threads = 16;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String slug = "tenant-" + i;
            started.add(Thread.ofVirtual().name("vt-" + i).start(() -> {
                try {
                    repository.upsert(tenant(slug, List.of("echo")));
                    assertTrue(repository.findBySlug(slug).isPresent());
                    repository.upsert(tenant(slug, List.of("echo", "graph")));
                    assertTrue(repository.registryVersion() > 0);
                    assertFalse(repository.findAll().isEmpty());
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : started) {
            t.join();
        }

        assertEquals(List.of(), failures.stream().map(Throwable::toString).toList());
        assertEquals(threads, repository.findAll().size());
        assertTrue(repository.findAll().stream().allMatch(t -> t.toolPacks().equals(List.of("echo", "graph"))));
    }

    @Test
    void sameSlugUpsertedConcurrentlyFromVirtualThreadsThenOneRowAndNoLostUpdate() throws Exception {
        repository.upsert(tenant("acme", List.of()));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String pack = "pack" + i;
            started.add(Thread.ofVirtual().start(() -> {
                try {
                    repository.upsert(tenant("acme", List.of(pack)));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }));
        }
        for (Thread t : started) {
            t.join();
        }
        assertEquals(null, failure.get());
        assertEquals(1, repository.findAll().size());
    }

    @Test
    void invalidSlugWhenBuildingTenantThenRejectedBeforeReachingTheDatabase() {
        assertThrows(IllegalArgumentException.class, () -> tenant("Admin", List.of()));
        assertEquals(Optional.empty(), repository.findBySlug("ADMIN"));
        assertEquals(Optional.empty(), repository.findBySlug(null));
        assertEquals(List.of(), repository.findAll());
    }

    @Test
    void slugCheckInDatabaseWhenComparedWithTenantSlugThenSameVerdict() throws SQLException {
        List<String> candidates = new ArrayList<>(TenantSlug.RESERVED);
        candidates.addAll(List.of("abc", "ab", "a-b", "a--b", "-ab", "ab-", "Abc", "1ab", "a_b", "ab9", "abé",
                "a".repeat(40), "a".repeat(41), "x1-y2-z3", "ab c", "tenant-7"));
        List<String> disagreements = new ArrayList<>();
        try (Connection c = pg.app(db)) {
            c.setAutoCommit(false);
            for (String slug : candidates) {
                boolean accepted;
                try (PreparedStatement ps = c.prepareStatement("insert into tenants (id, slug, display_name, status)"
                        + " values (gen_random_uuid(), ?, 'x', 'ACTIVE')")) {
                    ps.setString(1, slug);
                    ps.executeUpdate();
                    accepted = true;
                } catch (SQLException e) {
                    assertEquals("23514", e.getSQLState(), slug + ": " + e.getMessage());
                    accepted = false;
                }
                c.rollback();
                if (accepted != TenantSlug.isValid(slug)) {
                    disagreements.add(slug);
                }
            }
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void pingWhenDatabaseUpThenTrue() {
        assertTrue(database.ping());
    }

    @Test
    void pingWhenNothingListensThenFalseWithinTimeout() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        DatabaseSettings nowhere = DatabaseSettings.parse("postgresql://127.0.0.1:" + port + "/mcp", "mcp_app", "pw")
                .withConnectTimeout(Duration.ofSeconds(1));
        try (Database down = Database.create(nowhere)) {
            assertFalse(down.ping(Duration.ofSeconds(1)));
        }
    }

    @Test
    void appRoleWhenConnectedThroughDatabaseThenIsNotOwnerNorSuperuser() {
        List<?> row = database.inSession(s -> s.createNativeQuery(
                "select current_user, r.rolsuper, r.rolbypassrls from pg_roles r where r.rolname = current_user",
                Object[].class).getSingleResult().map(List::of));
        assertEquals(List.of("mcp_app", false, false), row);
    }

    private long rowVersion(String slug) throws SQLException {
        try (Connection c = pg.app(db);
             PreparedStatement ps = c.prepareStatement("select version from tenants where slug = ?")) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    private static Tenant tenant(String slug, List<String> toolPacks) {
        return new Tenant(UUID.randomUUID(), slug, "Tenant " + slug, TenantStatus.ACTIVE,
                new EntraApp("9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                        "secret:file:/var/run/secrets/" + slug, null),
                ClientPolicy.defaults(), toolPacks, Tenant.McpMode.STATEFUL, T0, T0);
    }

}
