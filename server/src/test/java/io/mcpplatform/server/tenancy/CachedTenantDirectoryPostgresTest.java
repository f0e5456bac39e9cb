package io.mcpplatform.server.tenancy;

import io.mcpplatform.migrations.TestPostgres;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;
import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.DatabaseSettings;
import io.mcpplatform.tenants.store.HibernateTenantRepository;
import io.mcpplatform.tenants.store.RegistryNotifications;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The directory against real PostgreSQL: the registry's change log (V17) and its NOTIFY. Polling is set to an hour
 * where a test proves that a notification alone brings a change in, and notifications are left off where it proves
 * that polling alone catches up.
 */
class CachedTenantDirectoryPostgresTest {
    private static TestPostgres pg;
    private String db;
    private Database database;
    private HibernateTenantRepository repository;
    private CachedTenantDirectory directory;
    private RegistryNotifications notifications;

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
    void open() throws SQLException {
        db = pg.migratedDatabase();
        database = Database.create(DatabaseSettings.parse(pg.jdbcUrl(db), TestPostgres.APP, TestPostgres.APP_PASSWORD)
                .withPoolSize(2));
        repository = new HibernateTenantRepository(database);
        repository.upsert(tenant("alpha", TenantStatus.ACTIVE));
        directory = new CachedTenantDirectory(repository);
    }

    @AfterEach
    void close() {
        if (notifications != null) {
            notifications.close();
        }
        directory.close();
        database.close();
    }

    private static Tenant tenant(String slug, TenantStatus status) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new Tenant(UUID.randomUUID(), slug, slug.toUpperCase(), status, null, ClientPolicy.defaults(),
                List.of("echo"), Tenant.McpMode.STATEFUL, now, now);
    }

    private void listen() throws InterruptedException {
        directory.startPolling(Duration.ofHours(1));
        notifications = RegistryNotifications.start(database, Duration.ofMillis(200), directory::refreshSoon);
        assertTrue(Eventually.holds(notifications::isListening));
    }

    @Test
    void notifyWhenTenantInsertedThenLiveWithoutPolling() throws InterruptedException {
        listen();

        repository.upsert(tenant("bravo", TenantStatus.ACTIVE));

        assertTrue(Eventually.holds(() -> directory.findActive("bravo").isPresent()));
    }

    @Test
    void notifyWhenTenantDisabledThenGoneAndListenerToldEmpty() throws InterruptedException {
        List<String> events = new CopyOnWriteArrayList<>();
        directory.onChange((slug, now) -> events.add(slug + "=" + now.isPresent()));
        listen();

        repository.upsert(tenant("alpha", TenantStatus.DISABLED));

        assertTrue(Eventually.holds(() -> directory.findActive("alpha").isEmpty()));
        // listeners are told after the new view is published: wait for the event, then check it was the only one
        assertTrue(Eventually.holds(() -> !events.isEmpty()));
        assertEquals(List.of("alpha=false"), events);
    }

    @Test
    void notifyWhenTenantDeletedThenGone() throws InterruptedException {
        listen();

        assertTrue(repository.delete("alpha"));

        assertTrue(Eventually.holds(() -> directory.findActive("alpha").isEmpty()));
        assertEquals(List.of(), directory.active());
    }

    @Test
    void notifyWhenTenantUpdatedThenNewDefinitionServed() throws InterruptedException {
        listen();
        Tenant alpha = directory.findActive("alpha").orElseThrow();

        repository.upsert(new Tenant(alpha.id(), "alpha", "Alpha renamed", TenantStatus.ACTIVE, null,
                ClientPolicy.defaults(), List.of("echo", "conformance"), Tenant.McpMode.STATEFUL, alpha.createdAt(),
                alpha.updatedAt()));

        assertTrue(Eventually.holds(() -> directory.findActive("alpha").map(Tenant::displayName)
                .equals(Optional.of("Alpha renamed"))));
    }

    @Test
    void pollWhenNoNotificationArrivesThenCatchesUp() throws InterruptedException {
        directory.startPolling(Duration.ofMillis(50)); // nobody listens: every notification is missed

        repository.upsert(tenant("bravo", TenantStatus.ACTIVE));
        repository.delete("alpha");

        assertTrue(Eventually.holds(() -> directory.findActive("bravo").isPresent()
                && directory.findActive("alpha").isEmpty()));
    }

    @Test
    void listenWhenConnectionKilledThenReconnectsAndCatchesUpWhatItMissed() throws Exception {
        listen();
        try (Connection superuser = pg.superuser(db); Statement s = superuser.createStatement()) {
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where query = 'LISTEN "
                    + RegistryNotifications.CHANNEL + "'");
            s.execute("insert into tenants (id, slug, display_name, status) values "
                    + "(gen_random_uuid(), 'charlie', 'Charlie', 'ACTIVE')");
        }

        assertTrue(Eventually.holds(() -> directory.findActive("charlie").isPresent()));
        assertTrue(Eventually.holds(notifications::isListening));
    }

    @Test
    void refreshWhenChangeLogPrunedThenFullReloadStillRight() throws Exception {
        repository.upsert(tenant("bravo", TenantStatus.ACTIVE));
        repository.delete("alpha");
        try (Connection owner = pg.owner(db); Statement s = owner.createStatement()) {
            s.execute("delete from tenant_changes");
        }

        directory.refresh();

        assertTrue(directory.findActive("bravo").isPresent());
        assertFalse(directory.findActive("alpha").isPresent());
    }
}
