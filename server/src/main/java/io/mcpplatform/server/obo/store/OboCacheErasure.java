package io.mcpplatform.server.obo.store;

import io.mcpplatform.server.erasure.ErasableData;
import io.mcpplatform.server.obo.OboBroker;
import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.UserScope;

import java.util.UUID;

/**
 * Erases a user's on-behalf-of cache: the persisted row and this instance's memory of recent tokens (other instances
 * forget theirs when those tokens expire; see the README's decisions).
 */
public final class OboCacheErasure implements ErasableData {
    private final Database database;
    private final OboBroker broker;

    public OboCacheErasure(Database database, OboBroker broker) {
        this.database = database;
        this.broker = broker;
    }

    @Override
    public String name() {
        return "obo-cache";
    }

    @Override
    public long eraseUser(UUID tenantId, String oid) {
        broker.forget(tenantId, oid);
        return database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery("delete from obo_token_cache where tenant_id = :t and user_oid = :oid")
                        .setParameter("t", tenantId)
                        .setParameter("oid", oid)
                        .executeUpdate()));
    }

    @Override
    public long eraseTenant(UUID tenantId) {
        broker.forgetTenant(tenantId);
        return 0; // obo_token_cache cascades from tenants
    }
}
