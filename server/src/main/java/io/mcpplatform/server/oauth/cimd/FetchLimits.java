package io.mcpplatform.server.oauth.cimd;

import java.time.Duration;
import java.util.Objects;

/**
 * The explicit limits of a metadata-document fetch.
 *
 * @param maxBodyBytes    largest body accepted; a longer one aborts the read
 * @param maxHeaderBytes  largest status line plus headers accepted
 * @param timeout         bound on connect + TLS handshake + request + response, all together
 * @param minCacheTtl     lower bound for a successful document's cache lifetime (also used without {@code max-age})
 * @param maxCacheTtl     upper bound for a successful document's cache lifetime
 * @param negativeTtl     how long a failure is remembered
 * @param maxCacheEntries most URLs remembered at once
 */
public record FetchLimits(int maxBodyBytes, int maxHeaderBytes, Duration timeout, Duration minCacheTtl,
                          Duration maxCacheTtl, Duration negativeTtl, int maxCacheEntries) {

    /** 5 KiB body, 8 KiB headers, 3 s in all, cache 5 min .. 24 h, failures 1 min, 10 000 URLs. */
    public static final FetchLimits DEFAULTS = new FetchLimits(5 * 1024, 8 * 1024, Duration.ofSeconds(3),
            Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofMinutes(1), 10_000);

    public FetchLimits {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(minCacheTtl, "minCacheTtl");
        Objects.requireNonNull(maxCacheTtl, "maxCacheTtl");
        Objects.requireNonNull(negativeTtl, "negativeTtl");
        if (maxBodyBytes <= 0 || maxHeaderBytes <= 0 || maxCacheEntries <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (timeout.isNegative() || timeout.isZero() || minCacheTtl.compareTo(maxCacheTtl) > 0) {
            throw new IllegalArgumentException("timeout must be positive and minCacheTtl <= maxCacheTtl");
        }
    }
}
