package io.mcpplatform.server.oauth.authorize;

import io.mcpplatform.tenants.store.Database;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code pending_authorizations} table. The single-use transitions ({@link #claimCallback}, {@link #consume}) are
 * conditional updates, so of any number of concurrent callers exactly one wins. Every method is one reactive chain
 * awaited once.
 */
public final class PendingAuthorizationRepository {
    /** Entity classes to register with {@link Database#create}. */
    public static final List<Class<?>> ENTITIES = List.of(PendingAuthorizationEntity.class);
    /** Rows are deleted this long after they expired (kept a little for diagnosis). */
    static final Duration RETENTION = Duration.ofHours(1);
    /** Most expired rows removed per insert. */
    static final int PURGE_BATCH = 100;

    private final Database database;

    public PendingAuthorizationRepository(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** Stores a new pending authorization and removes a batch of long-expired ones of the same tenant. */
    public void insert(PendingAuthorization pending, String entraStateHash) {
        PendingAuthorizationEntity entity = PendingAuthorizationEntity.of(pending, entraStateHash);
        entity.createdAt = micros(entity.createdAt);
        entity.expiresAt = micros(entity.expiresAt);
        database.inTenantTransaction(pending.tenantId(), s -> s.createNativeQuery("delete from pending_authorizations where id in"
                        + " (select id from pending_authorizations where tenant_id = :t and expires_at < :before"
                        + " limit " + PURGE_BATCH + ")")
                .setParameter("t", pending.tenantId())
                .setParameter("before", micros(pending.createdAt().minus(RETENTION)))
                .executeUpdate()
                .chain(() -> s.persist(entity))
                .call(s::flush));
    }

    /**
     * Claims the pending authorization whose Entra state has this hash, once: only if it belongs to the tenant, was
     * not claimed or consumed before and has not expired.
     */
    public Optional<PendingAuthorization> claimCallback(UUID tenantId, String entraStateHash, Instant now) {
        Instant at = micros(now);
        PendingAuthorizationEntity e = database.inTenantTransaction(tenantId, s -> s
                .createMutationQuery("update PendingAuthorizationEntity set callbackAt = :now where tenantId = :t"
                        + " and entraStateHash = :h and callbackAt is null and consumedAt is null and expiresAt > :now")
                .setParameter("now", at)
                .setParameter("t", tenantId)
                .setParameter("h", entraStateHash)
                .executeUpdate()
                .chain(n -> n == 1
                        ? s.createSelectionQuery("from PendingAuthorizationEntity where entraStateHash = :h",
                                        PendingAuthorizationEntity.class)
                                .setParameter("h", entraStateHash)
                                .getSingleResult()
                        : Uni.createFrom().nullItem()));
        return Optional.ofNullable(e).map(PendingAuthorizationEntity::toPending);
    }

    /** Records the signed-in user (and, when the consent page follows, the hash of its CSRF token). */
    public void recordSignIn(UUID tenantId, UUID id, SignedInUser user, Optional<String> csrfHash) {
        database.inTenantTransaction(tenantId, s -> s
                .createMutationQuery("update PendingAuthorizationEntity set userTid = :tid, userOid = :oid,"
                        + " userName = :name, userUsername = :username, upstreamTokenId = :up, csrfHash = :csrf"
                        + " where tenantId = :t and id = :id and consumedAt is null")
                .setParameter("tid", user.tid())
                .setParameter("oid", user.oid())
                .setParameter("name", user.name())
                .setParameter("username", user.username())
                .setParameter("up", user.upstreamTokenId())
                .setParameter("csrf", csrfHash.orElse(null))
                .setParameter("t", tenantId)
                .setParameter("id", id)
                .executeUpdate());
    }

    /** The pending authorization of this tenant, whatever its state. */
    public Optional<PendingAuthorization> find(UUID tenantId, UUID id) {
        PendingAuthorizationEntity e = database.inTenantTransaction(tenantId, s -> s
                .createSelectionQuery("from PendingAuthorizationEntity where tenantId = :t and id = :id",
                        PendingAuthorizationEntity.class)
                .setParameter("t", tenantId)
                .setParameter("id", id)
                .getSingleResultOrNull());
        return Optional.ofNullable(e).map(PendingAuthorizationEntity::toPending);
    }

    /**
     * Uses the pending authorization up, once: true for exactly one caller, and only while it is unexpired and (when
     * a CSRF hash is given) its stored CSRF hash equals that one.
     */
    public boolean consume(UUID tenantId, UUID id, Instant now, Optional<String> csrfHash) {
        Instant at = micros(now);
        String csrfCondition = csrfHash.isPresent() ? " and csrfHash = :csrf" : "";
        Integer n = database.inTenantTransaction(tenantId, s -> {
            var q = s.createMutationQuery("update PendingAuthorizationEntity set consumedAt = :now where tenantId = :t"
                            + " and id = :id and consumedAt is null and expiresAt > :now" + csrfCondition)
                    .setParameter("now", at)
                    .setParameter("t", tenantId)
                    .setParameter("id", id);
            csrfHash.ifPresent(h -> q.setParameter("csrf", h));
            return q.executeUpdate();
        });
        return n == 1;
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
