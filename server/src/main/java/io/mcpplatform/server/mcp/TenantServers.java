package io.mcpplatform.server.mcp;

import io.mcpplatform.tenants.Tenant;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The per-tenant server registry: one SDK server per tenant, built on first use and dropped (its sessions closed)
 * when the tenant changes or goes away.
 */
final class TenantServers {
    private static final Logger LOG = Logger.getLogger(TenantServers.class.getName());

    private final TenantServerFactory factory;
    private final Map<String, TenantServer> servers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    TenantServers(TenantServerFactory factory) {
        this.factory = factory;
    }

    /** The server for this tenant definition, building it if there is none or it was built from an older one. */
    TenantServer serverFor(Tenant tenant) {
        if (closed) {
            throw McpHttpErrors.shuttingDown();
        }
        TenantServer current = servers.get(tenant.slug());
        if (current != null && current.tenant().equals(tenant)) {
            return current;
        }
        TenantServer[] replaced = new TenantServer[1];
        TenantServer server = servers.compute(tenant.slug(), (slug, existing) -> {
            if (existing != null && existing.tenant().equals(tenant)) {
                return existing;
            }
            replaced[0] = existing;
            return factory.build(tenant);
        });
        if (replaced[0] != null) {
            replaced[0].close();
        }
        return server;
    }

    /** Drops the tenant's server, closing its sessions. */
    void drop(String slug) {
        TenantServer server = servers.remove(slug);
        if (server != null) {
            LOG.info(() -> "closing MCP server of tenant '" + slug + "' (" + server.transport().sessionCount()
                    + " sessions)");
            server.close();
        }
    }

    /** Closes idle sessions of every tenant. */
    int evictIdle(long nowMillis) {
        int n = 0;
        for (TenantServer server : servers.values()) {
            n += server.transport().evictIdle(nowMillis);
        }
        return n;
    }

    void closeAll() {
        closed = true;
        for (String slug : List.copyOf(servers.keySet())) {
            drop(slug);
        }
    }
}
