package io.mcpplatform.tenants;

import java.util.Objects;

/**
 * A tenant as stored, with the row's version: it changes on every write, so it serves as the admin API's ETag and for
 * optimistic concurrency ({@code If-Match}).
 *
 * @param tenant  the tenant
 * @param version the stored row's version
 */
public record StoredTenant(Tenant tenant, long version) {
    public StoredTenant {
        Objects.requireNonNull(tenant, "tenant");
    }
}
