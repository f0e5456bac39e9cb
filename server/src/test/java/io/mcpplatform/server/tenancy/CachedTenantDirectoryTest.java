package io.mcpplatform.server.tenancy;

import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CachedTenantDirectoryTest {
    private InMemoryTenantRepository repository;

    private static Tenant tenant(String slug, TenantStatus status, List<String> packs) {
        Instant now = Instant.parse("2026-11-26T00:00:00Z");
        return new Tenant(UUID.nameUUIDFromBytes(slug.getBytes()), slug, slug.toUpperCase(), status, null, ClientPolicy.defaults(),
                packs, Tenant.McpMode.STATEFUL, now, now);
    }

    @BeforeEach
    void setUp() {
        repository = new InMemoryTenantRepository();
        repository.upsert(tenant("alpha", TenantStatus.ACTIVE, List.of("echo")));
        repository.upsert(tenant("bravo", TenantStatus.DISABLED, List.of("echo")));
    }

    @Test
    void findActiveWhenTenantActiveThenFoundWithoutQuerying() {
        CachedTenantDirectory directory = new CachedTenantDirectory(repository);
        int reads = repository.findAllCalls.get();
        for (int i = 0; i < 100; i++) {
            assertTrue(directory.findActive("alpha").isPresent());
        }
        assertEquals(reads, repository.findAllCalls.get());
        assertEquals(0, repository.findBySlugCalls.get());
    }

    @Test
    void findActiveWhenDisabledOrUnknownThenEmpty() {
        CachedTenantDirectory directory = new CachedTenantDirectory(repository);
        assertEquals(Optional.empty(), directory.findActive("bravo"));
        assertEquals(Optional.empty(), directory.findActive("charlie"));
        assertEquals(List.of("alpha"), directory.active().stream().map(Tenant::slug).toList());
    }

    @Test
    void refreshWhenTenantAddedThenLiveAndListenerTold() {
        CachedTenantDirectory directory = new CachedTenantDirectory(repository);
        List<String> events = new ArrayList<>();
        directory.onChange((slug, now) -> events.add(slug + "=" + now.map(Tenant::slug).orElse("gone")));
        repository.upsert(tenant("charlie", TenantStatus.ACTIVE, List.of("echo")));

        directory.refresh();

        assertTrue(directory.findActive("charlie").isPresent());
        assertEquals(List.of("charlie=charlie"), events);
    }

    @Test
    void refreshWhenTenantDisabledThenGoneAndListenerToldEmpty() {
        CachedTenantDirectory directory = new CachedTenantDirectory(repository);
        List<String> events = new ArrayList<>();
        directory.onChange((slug, now) -> events.add(slug + "=" + now.map(Tenant::slug).orElse("gone")));
        repository.upsert(tenant("alpha", TenantStatus.DISABLED, List.of("echo")));

        directory.refresh();

        assertEquals(Optional.empty(), directory.findActive("alpha"));
        assertEquals(List.of("alpha=gone"), events);
    }

    @Test
    void refreshWhenTenantDeletedThenGone() {
        CachedTenantDirectory directory = new CachedTenantDirectory(repository);
        List<String> events = new ArrayList<>();
        directory.onChange((slug, now) -> events.add(slug + "=" + now.isPresent()));
        repository.delete("alpha");

        directory.refresh();

        assertEquals(Optional.empty(), directory.findActive("alpha"));
        assertEquals(List.of("alpha=false"), events);
    }

    @Test
    void refreshWhenVersionUnchangedThenNoReload() {
        CachedTenantDirectory directory = new CachedTenantDirectory(repository);
        int reads = repository.findAllCalls.get();
        directory.refresh();
        directory.refresh();
        assertEquals(reads, repository.findAllCalls.get());
    }

    @Test
    void refreshWhenPacksChangedThenListenerToldNewDefinition() {
        CachedTenantDirectory directory = new CachedTenantDirectory(repository);
        List<List<String>> seen = new ArrayList<>();
        directory.onChange((slug, now) -> seen.add(now.orElseThrow().toolPacks()));
        repository.upsert(tenant("alpha", TenantStatus.ACTIVE, List.of("echo", "conformance")));

        directory.refresh();

        assertEquals(List.of(List.of("echo", "conformance")), seen);
        assertEquals(List.of("echo", "conformance"), directory.findActive("alpha").orElseThrow().toolPacks());
    }

    @Test
    void refreshWhenOneTenantAddedThenReadsOnlyThatRowNotAll() {
        CachedTenantDirectory directory = new CachedTenantDirectory(repository);
        int fullReads = repository.findAllCalls.get();
        repository.upsert(tenant("charlie", TenantStatus.ACTIVE, List.of("echo")));

        directory.refresh();

        assertTrue(directory.findActive("charlie").isPresent());
        assertTrue(directory.findActive("alpha").isPresent());
        assertEquals(fullReads, repository.findAllCalls.get());
        assertEquals(1, repository.changedRowsRead.get());
    }

    @Test
    void refreshWhenAddedThenDeletedBeforeRefreshThenNeverServedAndNoListenerCall() {
        CachedTenantDirectory directory = new CachedTenantDirectory(repository);
        List<String> events = new ArrayList<>();
        directory.onChange((slug, now) -> events.add(slug));
        repository.upsert(tenant("charlie", TenantStatus.ACTIVE, List.of("echo")));
        repository.delete("charlie");

        directory.refresh();

        assertEquals(Optional.empty(), directory.findActive("charlie"));
        assertEquals(List.of(), events);
    }

    @Test
    void refreshWhenChangeLogNoLongerReachesBackThenReloadsEverything() {
        CachedTenantDirectory directory = new CachedTenantDirectory(repository);
        int fullReads = repository.findAllCalls.get();
        List<String> events = new ArrayList<>();
        directory.onChange((slug, now) -> events.add(slug + "=" + now.isPresent()));
        repository.upsert(tenant("charlie", TenantStatus.ACTIVE, List.of("echo")));
        repository.delete("alpha");
        repository.forgetChangeLog();
        repository.upsert(tenant("delta", TenantStatus.ACTIVE, List.of("echo")));

        directory.refresh();

        assertEquals(fullReads + 1, repository.findAllCalls.get());
        assertEquals(List.of("charlie", "delta"), directory.active().stream().map(Tenant::slug).toList());
        assertEquals(List.of("alpha=false", "charlie=true", "delta=true"), events);
    }

    @Test
    void activeWhenManyTenantsThenOrderedBySlug() {
        for (String slug : List.of("zulu", "mike", "echo-one", "delta")) {
            repository.upsert(tenant(slug, TenantStatus.ACTIVE, List.of("echo")));
        }
        CachedTenantDirectory directory = new CachedTenantDirectory(repository);
        repository.upsert(tenant("kilo", TenantStatus.ACTIVE, List.of("echo")));
        directory.refresh();

        assertEquals(List.of("alpha", "delta", "echo-one", "kilo", "mike", "zulu"),
                directory.active().stream().map(Tenant::slug).toList());
    }

    @Test
    void refreshSoonWhenPollingRarelyThenChangeAppliedWithoutWaitingForThePoll() throws InterruptedException {
        try (CachedTenantDirectory directory = new CachedTenantDirectory(repository)) {
            directory.startPolling(java.time.Duration.ofHours(1));
            repository.upsert(tenant("charlie", TenantStatus.ACTIVE, List.of("echo")));

            directory.refreshSoon();

            assertTrue(Eventually.holds(() -> directory.findActive("charlie").isPresent()));
        }
    }

    @Test
    void refreshSoonWhenNotPollingThenNothingHappens() {
        CachedTenantDirectory directory = new CachedTenantDirectory(repository);
        repository.upsert(tenant("charlie", TenantStatus.ACTIVE, List.of("echo")));

        directory.refreshSoon();

        assertEquals(Optional.empty(), directory.findActive("charlie"));
    }
}
