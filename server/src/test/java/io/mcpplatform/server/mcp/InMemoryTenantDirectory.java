package io.mcpplatform.server.mcp;

import io.mcpplatform.server.tenancy.TenantDirectory;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double of {@link TenantDirectory}: tenants in a map, change events fired on {@link #put} and {@link #remove}. */
public final class InMemoryTenantDirectory implements TenantDirectory {
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final List<TenantChangeListener> listeners = new CopyOnWriteArrayList<>();

    /** {@code demo} (echo), {@code conformance} (conformance), {@code stateless} (echo, stateless), {@code disabled}. */
    public static InMemoryTenantDirectory standard() {
        InMemoryTenantDirectory d = new InMemoryTenantDirectory();
        d.tenants.put("demo", tenant("demo", TenantStatus.ACTIVE, Tenant.McpMode.STATEFUL, "echo", "no-such-pack"));
        d.tenants.put("other", tenant("other", TenantStatus.ACTIVE, Tenant.McpMode.STATEFUL, "conformance"));
        d.tenants.put("conformance", tenant("conformance", TenantStatus.ACTIVE, Tenant.McpMode.STATEFUL, "conformance"));
        d.tenants.put("stateless", tenant("stateless", TenantStatus.ACTIVE, Tenant.McpMode.STATELESS, "echo"));
        d.tenants.put("disabled", tenant("disabled", TenantStatus.DISABLED, Tenant.McpMode.STATEFUL, "echo"));
        return d;
    }

    public static Tenant tenant(String slug, TenantStatus status, Tenant.McpMode mode, String... packs) {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        return new Tenant(UUID.nameUUIDFromBytes(slug.getBytes()), slug, slug + " tenant", status, null, ClientPolicy.defaults(),
                List.of(packs), mode, now, now);
    }

    public void put(Tenant tenant) {
        tenants.put(tenant.slug(), tenant);
        listeners.forEach(l -> l.changed(tenant.slug(), Optional.of(tenant).filter(Tenant::isActive)));
    }

    public void remove(String slug) {
        tenants.remove(slug);
        listeners.forEach(l -> l.changed(slug, Optional.empty()));
    }

    @Override
    public Optional<Tenant> findActive(String slug) {
        return Optional.ofNullable(slug).map(tenants::get).filter(Tenant::isActive);
    }

    @Override
    public List<Tenant> active() {
        return tenants.values().stream().filter(Tenant::isActive)
                .sorted(java.util.Comparator.comparing(Tenant::slug)).toList();
    }

    @Override
    public void onChange(TenantChangeListener listener) {
        listeners.add(listener);
    }
}
