package io.mcpplatform.tenants;

import java.util.List;
import java.util.Optional;

/**
 * Reads and writes tenants. Implementations join their own reactive pipeline before returning, so callers (virtual
 * threads at the HTTP edge) see plain values.
 */
public interface TenantRepository {

    /** The tenant with this slug, whatever its status. */
    Optional<Tenant> findBySlug(String slug);

    /** All tenants, ordered by slug. */
    List<Tenant> findAll();

    /**
     * A number that changes whenever any tenant is created, changed or deleted; cheap to read, so that every instance
     * can poll it and reload only when it moved.
     */
    long registryVersion();

    /**
     * The tenants created, changed or deleted after {@code version} (the registry's change log names each one), or
     * empty when the log no longer reaches back that far (the caller then reloads everything with {@link #findAll()}).
     * Costs one query when nothing changed.
     */
    Optional<TenantChanges> changesSince(long version);

    /** Creates the tenant, or replaces the stored one with the same slug (its id and creation time are kept). */
    Tenant upsert(Tenant tenant);

    /** Deletes the tenant with this slug; {@code true} when one existed. */
    boolean delete(String slug);

    /** The tenant with this slug and its stored version. */
    Optional<StoredTenant> findStored(String slug);

    /**
     * Creates or replaces the tenant like {@link #upsert(Tenant)}, but only if the stored version is the expected one
     * (checked under the row lock).
     *
     * @param expectedVersion the version the caller saw; {@code -1}: the tenant must not exist yet; empty: no check
     * @throws VersionConflictException when the stored version differs (nothing is written)
     */
    StoredTenant save(Tenant tenant, java.util.OptionalLong expectedVersion);
}
