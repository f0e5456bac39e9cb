package io.mcpplatform.server.audit;

import io.mcpplatform.server.erasure.ErasableData;
import io.mcpplatform.tenants.store.Database;

import java.util.UUID;

/**
 * Erases the audit entries that name a user as actor, through {@code erase_user_audit} (V14): the application role
 * cannot delete from the append-only log otherwise. Queued entries are written first so none escapes.
 */
public final class AuditErasure implements ErasableData {
    private final Database database;
    private final PostgresAuditLog log;

    public AuditErasure(Database database, PostgresAuditLog log) {
        this.database = database;
        this.log = log;
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public long eraseUser(UUID tenantId, String oid) {
        log.flush();
        return database.inTransaction(s -> s.createNativeQuery("select erase_user_audit(:t, :oid)", Long.class)
                .setParameter("t", tenantId)
                .setParameter("oid", oid)
                .getSingleResult());
    }

    @Override
    public long eraseTenant(UUID tenantId) {
        log.flush();
        return 0; // audit_log_tenant_fkey cascades
    }
}
