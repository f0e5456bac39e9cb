package io.mcpplatform.server.obo.store;

import io.mcpplatform.server.erasure.ErasableData;
import io.mcpplatform.server.obo.OboBroker;
import io.mcpplatform.server.obo.OboCacheStore;

import java.util.UUID;

/**
 * Erases a user's on-behalf-of cache: the persisted row and this instance's memory of recent tokens (other instances
 * forget theirs when those tokens expire; see the README's decisions).
 */
public final class OboCacheErasure implements ErasableData {
    private final OboCacheStore store;
    private final OboBroker broker;

    public OboCacheErasure(OboCacheStore store, OboBroker broker) {
        this.store = store;
        this.broker = broker;
    }

    @Override
    public String name() {
        return "obo-cache";
    }

    @Override
    public long eraseUser(UUID tenantId, String oid) {
        broker.forget(tenantId, oid);
        return store.delete(tenantId, oid) ? 1 : 0; // one row per (tenant, oid)
    }

    @Override
    public long eraseTenant(UUID tenantId) {
        broker.forgetTenant(tenantId);
        return 0; // obo_token_cache cascades from tenants
    }
}
