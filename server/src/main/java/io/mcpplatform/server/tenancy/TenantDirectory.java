package io.mcpplatform.server.tenancy;

import io.mcpplatform.tenants.Tenant;

import java.util.List;
import java.util.Optional;

/**
 * The server's view of the tenant registry: an in-memory snapshot kept fresh from the database, so that resolving a
 * tenant on the request path costs a map look-up, never a query.
 */
public interface TenantDirectory {

    /**
     * The tenant with this slug if it exists and is active. Unknown and disabled tenants look the same to callers on
     * purpose (both become a 404 that does not say which).
     */
    Optional<Tenant> findActive(String slug);

    /** Every active tenant, ordered by slug. */
    List<Tenant> active();

    /**
     * Registers a listener called (on a background thread) after a refresh with each tenant that changed, was disabled
     * or was removed; used to drop per-tenant state such as MCP servers.
     */
    void onChange(TenantChangeListener listener);

    /** Called when a tenant's stored definition changed or it went away. */
    @FunctionalInterface
    interface TenantChangeListener {
        /**
         * @param slug   the tenant's slug
         * @param now    its new definition, or empty when it was removed or disabled
         */
        void changed(String slug, Optional<Tenant> now);
    }
}
