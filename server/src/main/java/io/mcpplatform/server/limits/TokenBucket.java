package io.mcpplatform.server.limits;

/**
 * A token bucket: holds at most {@code perSecond} tokens (one second of burst) and refills at {@code perSecond}
 * tokens a second. Time comes from the caller in nanoseconds, so tests drive it without sleeping.
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final int perSecond;
    private double tokens;
    private long lastNanos;

    TokenBucket(int perSecond, long nowNanos) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1");
        }
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.lastNanos = nowNanos;
    }

    /** The refill rate. */
    int perSecond() {
        return perSecond;
    }

    /**
     * Takes one token if there is one.
     *
     * @return 0 when a token was taken, otherwise the nanoseconds until the next token (always positive)
     */
    synchronized long tryTake(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        lastNanos = Math.max(lastNanos, nowNanos);
        tokens = Math.min(perSecond, tokens + elapsed * perSecond / NANOS_PER_SECOND);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) * NANOS_PER_SECOND / perSecond));
    }
}
