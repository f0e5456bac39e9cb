package io.mcpplatform.server.entra.store;

import io.mcpplatform.server.erasure.ErasableData;
import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.UserScope;

import java.util.UUID;

/** Erases a signed-in user: the {@code platform_users} row and, by cascade, the user's sealed Entra tokens. */
public final class UserTokenErasure implements ErasableData {
    private final Database database;

    public UserTokenErasure(Database database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "users";
    }

    @Override
    public long eraseUser(UUID tenantId, String oid) {
        return database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery("delete from upstream_tokens where tenant_id = :t and user_oid = :oid")
                        .setParameter("t", tenantId)
                        .setParameter("oid", oid)
                        .executeUpdate())
                .chain(tokens -> s.createNativeQuery("delete from platform_users where tenant_id = :t and oid = :oid")
                        .setParameter("t", tenantId)
                        .setParameter("oid", oid)
                        .executeUpdate()
                        .map(users -> tokens + users)));
    }

    @Override
    public long eraseTenant(UUID tenantId) {
        return 0; // platform_users and upstream_tokens cascade from tenants
    }
}
