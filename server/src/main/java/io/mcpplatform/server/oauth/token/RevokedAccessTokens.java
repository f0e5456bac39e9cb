package io.mcpplatform.server.oauth.token;

import io.mcpplatform.tenants.store.Database;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The access-token deny list ({@code revoked_access_tokens}): a revoked token's {@code jti} is kept until the token
 * would have expired. Every instance holds the live entries in memory and re-reads them at most every
 * {@link TokenSettings#revocationRefreshInterval()} when asked, so checking costs no database round trip per request
 * and a revocation on another instance takes effect here within that interval (at once on the revoking instance).
 */
public final class RevokedAccessTokens {
    private final Database database;
    private final Clock clock;
    private final TokenSettings settings;
    private final AtomicBoolean loading = new AtomicBoolean();
    private volatile Snapshot snapshot = new Snapshot(Set.of(), Instant.MIN);

    public RevokedAccessTokens(Database database, TokenSettings settings, Clock clock) {
        this.database = database;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether the token id is on the deny list (re-reading the list when it is older than the refresh interval). */
    public boolean isRevoked(String jti) {
        Snapshot current = snapshot;
        if (!current.loadedAt().plus(settings.revocationRefreshInterval()).isAfter(clock.instant())
                && loading.compareAndSet(false, true)) {
            try {
                current = reload();
            } finally {
                loading.set(false);
            }
        }
        return current.jtis().contains(jti);
    }

    /** Denies a token until {@code expiresAt}; revoking twice is harmless. */
    public void revoke(UUID tenantId, String jti, Instant expiresAt) {
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            return;
        }
        database.inTenantTransaction(tenantId, s -> s.createNativeQuery("insert into revoked_access_tokens (jti, tenant_id, revoked_at,"
                        + " expires_at) values (:jti, :t, :now, :exp) on conflict (jti) do nothing")
                .setParameter("jti", jti)
                .setParameter("t", tenantId)
                .setParameter("now", now)
                .setParameter("exp", expiresAt)
                .executeUpdate());
        markStale();
    }

    /** Forces a re-read at the next check (after revocations written by other code on this instance). */
    void markStale() {
        snapshot = new Snapshot(snapshot.jtis(), Instant.MIN);
    }

    /**
     * Deletes entries whose tokens have expired, in every tenant, through the SECURITY DEFINER function
     * {@code purge_expired_revoked_access_tokens} (V18); returns how many.
     */
    public int purgeExpired() {
        return database.inTransaction(s -> s.createNativeQuery("select purge_expired_revoked_access_tokens(:now)",
                        Long.class)
                .setParameter("now", clock.instant())
                .getSingleResult()
                .map(Long::intValue));
    }

    private Snapshot reload() {
        Instant now = clock.instant();
        // every tenant's deny list at once (a token's tenant is not known before it is verified): the token ids only,
        // through the SECURITY DEFINER function revoked_access_token_jtis (V18)
        List<String> rows = database.inSession(s -> s.createNativeQuery(
                        "select jti from revoked_access_token_jtis(:now) as jti", String.class)
                .setParameter("now", now.minus(settings.clockSkew()))
                .getResultList());
        Snapshot loaded = new Snapshot(Set.copyOf(new HashSet<>(rows)), now);
        snapshot = loaded;
        return loaded;
    }

    private record Snapshot(Set<String> jtis, Instant loadedAt) {
    }
}
