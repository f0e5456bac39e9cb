package io.mcpplatform.server.oauth.token;

import io.helidon.config.Config;
import io.mcpplatform.server.config.ConfigValues;
import io.mcpplatform.server.config.InvalidConfigException;

import java.time.Duration;
import java.util.Objects;

/**
 * Lifetimes and tolerances of the platform's tokens, from the {@code platform.oauth} configuration node.
 * <p>
 * Keys (under {@code platform.oauth}); durations as {@code 10m}, {@code 30d} or ISO-8601:
 * <ul>
 *     <li>{@code access-token-ttl} — access-token lifetime, 1m to 1h; default 10m</li>
 *     <li>{@code refresh-idle-ttl} — a refresh token unused this long expires, 5m to 365d; default 30d</li>
 *     <li>{@code refresh-absolute-ttl} — no refresh token of a sign-in outlives this, at least the idle TTL, up to
 *     365d; default 90d</li>
 *     <li>{@code clock-skew} — tolerance on {@code exp}/{@code nbf} of presented tokens, 0 to 5m; default 30s</li>
 *     <li>{@code key-reload-interval} — an unknown {@code kid} of our own issuer reloads a tenant's keys at most this
 *     often, 0 to 10m; default 10s</li>
 *     <li>{@code revocation-refresh-interval} — how often an instance re-reads the revoked access tokens (revocations
 *     on another instance take effect here within this), 0 to 5m; default 5s</li>
 * </ul>
 *
 * @param accessTokenTtl            access-token lifetime
 * @param refreshIdleTtl            refresh-token idle lifetime
 * @param refreshAbsoluteTtl        refresh-family absolute lifetime
 * @param clockSkew                 tolerance on time claims
 * @param keyReloadInterval         least time between two key reloads of one tenant
 * @param revocationRefreshInterval least time between two reads of the deny list
 */
public record TokenSettings(Duration accessTokenTtl,
                            Duration refreshIdleTtl,
                            Duration refreshAbsoluteTtl,
                            Duration clockSkew,
                            Duration keyReloadInterval,
                            Duration revocationRefreshInterval) {
    /** How often an instance re-reads a tenant's active signing key (another instance may have rotated it). */
    public static final Duration SIGNING_KEY_REFRESH = Duration.ofMinutes(1);
    private static final String NODE = "platform.oauth";

    public TokenSettings {
        between("access-token-ttl", accessTokenTtl, Duration.ofMinutes(1), Duration.ofHours(1));
        between("refresh-idle-ttl", refreshIdleTtl, Duration.ofMinutes(5), Duration.ofDays(365));
        between("refresh-absolute-ttl", refreshAbsoluteTtl, Duration.ofMinutes(5), Duration.ofDays(365));
        if (refreshAbsoluteTtl.compareTo(refreshIdleTtl) < 0) {
            throw new InvalidConfigException(NODE + ".refresh-absolute-ttl must not be shorter than " + NODE
                    + ".refresh-idle-ttl (" + refreshAbsoluteTtl + " < " + refreshIdleTtl + ")");
        }
        between("clock-skew", clockSkew, Duration.ZERO, Duration.ofMinutes(5));
        between("key-reload-interval", keyReloadInterval, Duration.ZERO, Duration.ofMinutes(10));
        between("revocation-refresh-interval", revocationRefreshInterval, Duration.ZERO, Duration.ofMinutes(5));
    }

    /** Every key absent. */
    public static TokenSettings defaults() {
        return new TokenSettings(Duration.ofMinutes(10), Duration.ofDays(30), Duration.ofDays(90),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    /**
     * Reads and validates {@code platform.oauth}.
     *
     * @param oauthNode the {@code platform.oauth} node (may be missing)
     * @throws InvalidConfigException naming the full key
     */
    public static TokenSettings create(Config oauthNode) {
        ConfigValues v = ConfigValues.of(oauthNode);
        TokenSettings d = defaults();
        Duration max = Duration.ofDays(3650);
        return new TokenSettings(
                v.duration("access-token-ttl", d.accessTokenTtl(), Duration.ZERO, max),
                v.duration("refresh-idle-ttl", d.refreshIdleTtl(), Duration.ZERO, max),
                v.duration("refresh-absolute-ttl", d.refreshAbsoluteTtl(), Duration.ZERO, max),
                v.duration("clock-skew", d.clockSkew(), Duration.ZERO, max),
                v.duration("key-reload-interval", d.keyReloadInterval(), Duration.ZERO, max),
                v.duration("revocation-refresh-interval", d.revocationRefreshInterval(), Duration.ZERO, max));
    }

    /**
     * How long a retired signing key stays published and accepted: every token it signed has expired after it (the
     * token lifetime and clock skew, plus the time another instance may still sign with it before it re-reads keys).
     */
    public Duration retiredKeyRetention() {
        return accessTokenTtl.plus(clockSkew).plus(SIGNING_KEY_REFRESH);
    }

    /** A copy with another access-token lifetime. */
    public TokenSettings withAccessTokenTtl(Duration ttl) {
        return new TokenSettings(ttl, refreshIdleTtl, refreshAbsoluteTtl, clockSkew, keyReloadInterval,
                revocationRefreshInterval);
    }

    /** A copy with other refresh lifetimes. */
    public TokenSettings withRefreshTtls(Duration idle, Duration absolute) {
        return new TokenSettings(accessTokenTtl, idle, absolute, clockSkew, keyReloadInterval,
                revocationRefreshInterval);
    }

    private static void between(String key, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, NODE + "." + key);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidConfigException(NODE + "." + key + " must be between " + min + " and " + max
                    + ", got " + value);
        }
    }
}
