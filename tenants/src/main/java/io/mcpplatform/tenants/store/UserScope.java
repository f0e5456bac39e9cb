package io.mcpplatform.tenants.store;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.UUID;

/**
 * The row-level-security context of one transaction: {@code app.tenant_id} and {@code app.user_oid}, set with
 * {@code set_config(..., true)} so they end with the transaction. Tables with user rows have policies on these two
 * settings (FORCE RLS; the application role cannot bypass them), so a query without them sees nothing.
 */
public final class UserScope {
    private UserScope() {
    }

    /** Scopes the session's current transaction to one user of one tenant; chain the unit of work after it. */
    public static Uni<String> apply(Mutiny.Session session, UUID tenantId, String oid) {
        return session.createNativeQuery(
                        "select set_config('app.tenant_id', :tenant, true) || set_config('app.user_oid', :oid, true)",
                        String.class)
                .setParameter("tenant", tenantId.toString())
                .setParameter("oid", oid)
                .getSingleResult();
    }

    /**
     * Scopes the transaction to a tenant with no user ({@code app.user_oid} empty): per-user policies then match no
     * row. Only for tenant-wide paths the schema grants through SECURITY DEFINER functions (aggregates, erasure).
     */
    public static Uni<String> applyTenant(Mutiny.Session session, UUID tenantId) {
        return session.createNativeQuery(
                        "select set_config('app.tenant_id', :tenant, true) || set_config('app.user_oid', '', true)",
                        String.class)
                .setParameter("tenant", tenantId.toString())
                .getSingleResult();
    }
}
