package io.mcpplatform.server.limits;

import io.mcpplatform.tenants.Tenant;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Request rate per tenant on this instance: the tenant's own {@code requestsPerSecond} when it has one, else the
 * platform default. Buckets exist only for active tenants the caller resolved (bounded by the registry) and are
 * dropped when a tenant changes, so a new limit applies at once.
 */
public final class TenantRateLimiter {
    private final int defaultPerSecond;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param defaultPerSecond the platform default ({@code platform.limits.requests-per-second})
     * @param nanoTime         monotonic time source ({@code System::nanoTime})
     */
    public TenantRateLimiter(int defaultPerSecond, LongSupplier nanoTime) {
        if (defaultPerSecond < 1) {
            throw new IllegalArgumentException("defaultPerSecond must be at least 1");
        }
        this.defaultPerSecond = defaultPerSecond;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** The rate that applies to the tenant. */
    public int perSecond(Tenant tenant) {
        return tenant.limits().requestsPerSecond().orElse(defaultPerSecond);
    }

    /**
     * Admits one request of the tenant or says how long to wait.
     *
     * @return 0 when admitted, otherwise the whole seconds (at least 1) the client should wait ({@code Retry-After})
     */
    public long acquire(Tenant tenant) {
        int rate = perSecond(tenant);
        long now = nanoTime.getAsLong();
        TokenBucket bucket = buckets.compute(tenant.slug(), (slug, existing) ->
                existing != null && existing.perSecond() == rate ? existing : new TokenBucket(rate, now));
        long waitNanos = bucket.tryTake(now);
        return waitNanos == 0 ? 0 : Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }

    /** Forgets the tenant's bucket (it changed or went away). */
    public void forget(String slug) {
        buckets.remove(slug);
    }
}
