package io.mcpplatform.tenants;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What changed in the tenant registry after a version a reader had seen: the tenants created or changed since (their
 * current definitions) and the slugs that no longer exist.
 *
 * @param version the registry version these changes bring the reader to
 * @param changed tenants created or changed after the reader's version, as stored now
 * @param removed slugs deleted (or renamed away) after the reader's version
 */
public record TenantChanges(long version, List<Tenant> changed, Set<String> removed) {

    public TenantChanges {
        changed = List.copyOf(Objects.requireNonNull(changed, "changed"));
        removed = Set.copyOf(Objects.requireNonNull(removed, "removed"));
    }

    /** No change: the registry is still at {@code version}. */
    public static TenantChanges none(long version) {
        return new TenantChanges(version, List.of(), Set.of());
    }

    /** Every slug these changes touch. */
    public Set<String> slugs() {
        Set<String> slugs = new HashSet<>(removed);
        changed.forEach(tenant -> slugs.add(tenant.slug()));
        return slugs;
    }
}
