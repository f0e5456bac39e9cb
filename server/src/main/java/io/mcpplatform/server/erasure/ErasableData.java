package io.mcpplatform.server.erasure;

import java.util.UUID;

/**
 * One kind of data the platform keeps about users (tool data, stored tokens, consents, caches) that can be erased
 * completely for one user of one tenant, or for a whole tenant. The admin API calls every registered implementation;
 * each one erases only its own rows, in its own transaction, and reports how many it removed.
 * <p>
 * Implementations must be idempotent (erasing twice removes nothing the second time) and must honour row-level
 * security: user erasure runs in the user's scope ({@code UserScope}); tenant erasure may rely on the tenant row's
 * {@code ON DELETE CASCADE} or on a scope per user.
 */
public interface ErasableData {

    /** A short name for reports and audit entries, e.g. {@code expenses}. */
    String name();

    /** Erases everything this kind holds for one user of one tenant; returns the number of rows removed. */
    long eraseUser(UUID tenantId, String oid);

    /** Erases everything this kind holds for a tenant; returns the number of rows removed. */
    long eraseTenant(UUID tenantId);
}
