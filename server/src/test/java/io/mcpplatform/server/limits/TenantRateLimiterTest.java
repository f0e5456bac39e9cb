package io.mcpplatform.server.limits;

import io.mcpplatform.server.mcp.InMemoryTenantDirectory;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantLimits;
import io.mcpplatform.tenants.TenantStatus;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Token buckets per tenant, driven by a hand-moved clock (no sleeping, no timing). */
class TenantRateLimiterTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(42 * SECOND);

    static Tenant tenant(String slug, Integer requestsPerSecond) {
        Tenant t = InMemoryTenantDirectory.tenant(slug, TenantStatus.ACTIVE, Tenant.McpMode.STATEFUL, "echo");
        return t.withLimits(new TenantLimits(TenantLimits.of(requestsPerSecond), OptionalInt.empty(),
                OptionalInt.empty()));
    }

    @Test
    void acquireWhenBurstOfDefaultRateUsedThenNextWaitsOneSecond() {
        TenantRateLimiter limiter = new TenantRateLimiter(3, now::get);
        Tenant t = tenant("plain", null);
        assertEquals(0, limiter.acquire(t));
        assertEquals(0, limiter.acquire(t));
        assertEquals(0, limiter.acquire(t));
        assertEquals(1, limiter.acquire(t));
        now.addAndGet(SECOND / 3 + 1);
        assertEquals(0, limiter.acquire(t));
        assertEquals(1, limiter.acquire(t));
    }

    @Test
    void acquireWhenTenantHasOwnRateThenItWinsOverDefault() {
        TenantRateLimiter limiter = new TenantRateLimiter(100, now::get);
        Tenant t = tenant("small", 1);
        assertEquals(1, limiter.perSecond(t));
        assertEquals(0, limiter.acquire(t));
        assertEquals(1, limiter.acquire(t));
    }

    @Test
    void acquireWhenOneTenantExhaustedThenAnotherIsUnaffected() {
        TenantRateLimiter limiter = new TenantRateLimiter(2, now::get);
        Tenant noisy = tenant("noisy", null);
        Tenant quiet = tenant("quiet", null);
        limiter.acquire(noisy);
        limiter.acquire(noisy);
        assertEquals(1, limiter.acquire(noisy));
        assertEquals(0, limiter.acquire(quiet));
        assertEquals(0, limiter.acquire(quiet));
    }

    @Test
    void acquireWhenTenantRateChangesThenNewBucketAppliesAtOnce() {
        TenantRateLimiter limiter = new TenantRateLimiter(100, now::get);
        limiter.acquire(tenant("moving", 1));
        assertEquals(1, limiter.acquire(tenant("moving", 1)));
        assertEquals(0, limiter.acquire(tenant("moving", 5)));
    }

    @Test
    void acquireWhenWaitIsLongerThanASecondThenRetryAfterRoundsUp() {
        TenantRateLimiter limiter = new TenantRateLimiter(1, now::get);
        Tenant t = tenant("slow", null);
        limiter.acquire(t);
        now.addAndGet(-5 * SECOND);
        assertEquals(1, limiter.acquire(t), "a clock that goes backwards never refills and never waits more");
        limiter.forget("slow");
        assertEquals(0, limiter.acquire(t));
    }

    @Test
    void createWhenDefaultRateBelowOneThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TenantRateLimiter(0, now::get));
    }
}
