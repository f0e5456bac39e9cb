package io.mcpplatform.server.tenancy;

import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantRepository;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A tenant store in memory for tests; counts reads so tests can prove the cache does not query per request. */
public final class InMemoryTenantRepository implements TenantRepository {
    private final Map<String, Tenant> tenants = new TreeMap<>();
    private long version;
    final AtomicInteger findAllCalls = new AtomicInteger();
    final AtomicInteger findBySlugCalls = new AtomicInteger();

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
    public synchronized Tenant upsert(Tenant tenant) {
        tenants.put(tenant.slug(), tenant);
        version++;
        return tenant;
    }

    @Override
    public synchronized boolean delete(String slug) {
        boolean existed = tenants.remove(slug) != null;
        if (existed) {
            version++;
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
