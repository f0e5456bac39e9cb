package io.mcpplatform.server.tenancy;

import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantChanges;
import io.mcpplatform.tenants.TenantRepository;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant store in memory for tests, with a change log like the registry's ({@code tenant_changes}); counts reads so
 * tests can prove the cache does not query per request and reloads everything only when it must.
 */
public final class InMemoryTenantRepository implements TenantRepository {
    private final Map<String, Tenant> tenants = new TreeMap<>();
    private final Map<Long, String> changeLog = new HashMap<>();
    private long version;
    final AtomicInteger findAllCalls = new AtomicInteger();
    final AtomicInteger findBySlugCalls = new AtomicInteger();
    final AtomicInteger changedRowsRead = new AtomicInteger();

    /** Drops the change log, as pruning does for a reader far behind. */
    synchronized void forgetChangeLog() {
        changeLog.clear();
    }

    @Override
    public synchronized Optional<Tenant> findBySlug(String slug) {
        findBySlugCalls.incrementAndGet();
        return Optional.ofNullable(tenants.get(slug));
    }

    @Override
    public synchronized List<Tenant> findAll() {
        findAllCalls.incrementAndGet();
        return List.copyOf(tenants.values());
    }

    @Override
    public synchronized long registryVersion() {
        return version;
    }

    @Override
    public synchronized Optional<TenantChanges> changesSince(long since) {
        Set<String> slugs = new HashSet<>();
        for (long v = since + 1; v <= version; v++) {
            String slug = changeLog.get(v);
            if (slug == null) {
                return Optional.empty();
            }
            slugs.add(slug);
        }
        List<Tenant> changed = slugs.stream().map(tenants::get).filter(Objects::nonNull).toList();
        changedRowsRead.addAndGet(changed.size());
        Set<String> removed = new HashSet<>(slugs);
        changed.forEach(t -> removed.remove(t.slug()));
        return Optional.of(new TenantChanges(version, changed, removed));
    }

    @Override
    public synchronized Tenant upsert(Tenant tenant) {
        tenants.put(tenant.slug(), tenant);
        changeLog.put(++version, tenant.slug());
        return tenant;
    }

    @Override
    public synchronized boolean delete(String slug) {
        boolean existed = tenants.remove(slug) != null;
        if (existed) {
            changeLog.put(++version, slug);
        }
        return existed;
    }

    @Override
    public synchronized Optional<io.mcpplatform.tenants.StoredTenant> findStored(String slug) {
        return findBySlug(slug).map(t -> new io.mcpplatform.tenants.StoredTenant(t, version));
    }

    @Override
    public synchronized io.mcpplatform.tenants.StoredTenant save(Tenant tenant, java.util.OptionalLong expected) {
        long current = tenants.containsKey(tenant.slug()) ? version : -1;
        if (expected.isPresent() && expected.getAsLong() != current) {
            throw new io.mcpplatform.tenants.VersionConflictException(current);
        }
        upsert(tenant);
        return new io.mcpplatform.tenants.StoredTenant(tenant, version);
    }
}
