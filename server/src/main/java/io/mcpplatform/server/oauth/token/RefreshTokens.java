package io.mcpplatform.server.oauth.token;

import io.mcpplatform.server.crypto.OpaqueTokens;
import io.mcpplatform.server.db.Rows;
import io.mcpplatform.tenants.store.Database;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Opaque refresh tokens ({@code refresh_tokens}): 32 random bytes, stored as SHA-256. Every use rotates: the used
 * token dies and a new one of the same family is issued, in one transaction whose {@code UPDATE ... WHERE rotated_at
 * IS NULL} lets exactly one of any number of concurrent uses win. A rotated token presented again (including the
 * losers of such a race) is a replay: the whole family is revoked, and the access tokens issued with it are
 * deny-listed. Each row remembers the access token issued with it ({@code access_token_jti}) for that purpose.
 */
public final class RefreshTokens {
    private static final String SPACE = " ";

    private final Database database;
    private final RevokedAccessTokens revoked;
    private final TokenSettings settings;
    private final Clock clock;

    public RefreshTokens(Database database, RevokedAccessTokens revoked, TokenSettings settings, Clock clock) {
        this.database = database;
        this.revoked = revoked;
        this.settings = settings;
        this.clock = clock;
    }

    /** The outcome of presenting a refresh token. */
    public sealed interface Rotation {
        /** The token was live: here is its successor. */
        record Rotated(String refreshToken, RefreshGrant grant) implements Rotation {
        }

        /** A rotated token was presented again: its family (of the user {@code oid}) is now revoked. */
        record Replayed(UUID familyId, String oid) implements Rotation {
        }

        /** The requested scope is wider than the family's; nothing changed. */
        record ScopeTooWide() implements Rotation {
        }

        /** Unknown, expired, revoked, or issued to another client; nothing changed. */
        record Invalid() implements Rotation {
        }
    }

    /**
     * Starts a family for a redeemed authorization code.
     *
     * @param accessJti       the access token issued with it
     * @param accessExpiresAt its expiry
     * @return the refresh token
     */
    public String startFamily(UUID tenantId, UUID codeId, RefreshGrant grant, String accessJti, Instant accessExpiresAt) {
        Instant now = clock.instant();
        Instant absolute = now.plus(settings.refreshAbsoluteTtl());
        String token = OpaqueTokens.random();
        database.inTenantTransaction(tenantId, s -> insert(s, tenantId, grant, token, now, absolute, null, codeId, accessJti,
                accessExpiresAt));
        return token;
    }

    /**
     * Rotates a refresh token presented by {@code clientId}.
     *
     * @param requestedScopes the scopes asked for, or empty for all of the family's
     * @param accessJti       the id of the access token that will be issued with the successor
     * @param accessExpiresAt its expiry
     */
    public Rotation rotate(UUID tenantId, String token, String clientId, Set<String> requestedScopes, String accessJti,
                           Instant accessExpiresAt) {
        if (token.length() > 256) {
            return new Rotation.Invalid();
        }
        Instant now = clock.instant();
        String hash = OpaqueTokens.hash(token);
        Rotation result = database.inTenantTransaction(tenantId, s -> s.createNativeQuery("select id, family_id, client_id, user_tid,"
                        + " user_oid, user_name, user_username, scope, upstream_token_id, expires_at,"
                        + " absolute_expires_at, rotated_at, revoked_at, code_id from refresh_tokens"
                        + " where token_hash = :h and tenant_id = :t", Object[].class)
                .setParameter("h", hash)
                .setParameter("t", tenantId)
                .getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(new Rotation.Invalid());
                    }
                    Object[] r = rows.getFirst();
                    UUID family = Rows.uuid(r[1]);
                    // every writer of a family takes its lock first, so no row lock is ever held while waiting for it
                    return lockFamily(s, family).chain(locked -> rotateLocked(s, r, tenantId, clientId,
                            requestedScopes, accessJti, accessExpiresAt, now));
                }));
        if (result instanceof Rotation.Replayed) {
            revoked.markStale();
        }
        return result;
    }

    private Uni<Rotation> rotateLocked(Mutiny.Session s, Object[] r, UUID tenantId, String clientId,
                                       Set<String> requestedScopes, String accessJti, Instant accessExpiresAt,
                                       Instant now) {
        UUID id = Rows.uuid(r[0]);
        UUID family = Rows.uuid(r[1]);
        if (!r[2].equals(clientId) || r[12] != null) {
            return Uni.createFrom().item(new Rotation.Invalid());
        }
        if (r[11] != null) {
            return revokeFamilyIn(s, family, now).replaceWith(new Rotation.Replayed(family, (String) r[4]));
        }
        Instant absolute = Rows.instant(r[10]);
        if (!Rows.instant(r[9]).isAfter(now) || !absolute.isAfter(now)) {
            return Uni.createFrom().item(new Rotation.Invalid());
        }
        Set<String> granted = scopes((String) r[7]);
        if (!granted.containsAll(requestedScopes)) {
            return Uni.createFrom().item(new Rotation.ScopeTooWide());
        }
        RefreshGrant grant = new RefreshGrant(family, clientId,
                new TokenSubject((String) r[3], (String) r[4], Rows.text(r[5]), Rows.text(r[6])),
                granted, Rows.uuid(r[8]));
        UUID codeId = Rows.uuid(r[13]);
        return s.createNativeQuery("update refresh_tokens set rotated_at = :now where id = :id"
                        + " and rotated_at is null and revoked_at is null")
                .setParameter("now", now)
                .setParameter("id", id)
                .executeUpdate()
                .chain(n -> {
                    if (n == 0) {
                        // a concurrent use won the race: this use is a reuse of a rotated token
                        return revokeFamilyIn(s, family, now).replaceWith(new Rotation.Replayed(family, (String) r[4]));
                    }
                    String next = OpaqueTokens.random();
                    return insert(s, tenantId, grant, next, now, absolute, id, codeId, accessJti,
                            accessExpiresAt).replaceWith(new Rotation.Rotated(next, grant));
                });
    }

    /**
     * A transaction-scoped lock per refresh-token family. Concurrent uses of one family's tokens would otherwise
     * deadlock: PostgreSQL keeps the row lock an UPDATE took while re-checking a row another use had just rotated.
     */
    private static Uni<Integer> lockFamily(Mutiny.Session s, UUID family) {
        return s.createNativeQuery("select 1 from pg_advisory_xact_lock(hashtextextended(:f, 0))", Integer.class)
                .setParameter("f", family.toString())
                .getSingleResult();
    }

    /** Revokes every token of the family born from this authorization code (a replayed code); returns how many. */
    public int revokeCodeFamily(UUID tenantId, UUID codeId) {
        Instant now = clock.instant();
        int n = database.inTenantTransaction(tenantId, s -> s.createNativeQuery("select distinct family_id from refresh_tokens"
                        + " where tenant_id = :t and code_id = :c", UUID.class)
                .setParameter("t", tenantId)
                .setParameter("c", codeId)
                .getResultList()
                .chain(families -> families.isEmpty() ? Uni.createFrom().item(0)
                        : revokeFamilyIn(s, Rows.uuid(families.getFirst()), now)));
        revoked.markStale();
        return n;
    }

    /**
     * A refresh-token family found by {@link #revokeByToken}.
     *
     * @param familyId the family
     * @param oid      its user
     * @param wasLive  whether it had live tokens (false: it was revoked before)
     */
    public record RevokedFamily(UUID familyId, String oid, boolean wasLive) {
    }

    /**
     * Revokes the family of a refresh token if it was issued to {@code clientId} (RFC 7009); returns the family found.
     * Unknown tokens and other clients' tokens change nothing.
     */
    public java.util.Optional<RevokedFamily> revokeByToken(UUID tenantId, String token, String clientId) {
        if (token.length() > 256) {
            return java.util.Optional.empty();
        }
        Instant now = clock.instant();
        java.util.Optional<RevokedFamily> found = database.inTenantTransaction(tenantId, s -> s.createNativeQuery("select family_id,"
                        + " user_oid from refresh_tokens where token_hash = :h and tenant_id = :t and client_id = :c",
                        Object[].class)
                .setParameter("h", OpaqueTokens.hash(token))
                .setParameter("t", tenantId)
                .setParameter("c", clientId)
                .getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(java.util.Optional.<RevokedFamily>empty());
                    }
                    UUID family = Rows.uuid(rows.getFirst()[0]);
                    String oid = (String) rows.getFirst()[1];
                    return revokeFamilyIn(s, family, now)
                            .map(n -> java.util.Optional.of(new RevokedFamily(family, oid, n > 0)));
                }));
        revoked.markStale();
        return found;
    }

    /**
     * Revokes every refresh-token family of one user of the tenant and deny-lists the live access tokens issued with
     * them (the admin API); returns how many tokens were revoked. Takes effect at once on this instance (the deny
     * list is re-read at the next check) and within {@link TokenSettings#revocationRefreshInterval()} on the others.
     */
    public int revokeUser(UUID tenantId, String oid) {
        return revokeWhere(tenantId, "user_oid", oid);
    }

    /** Like {@link #revokeUser} for every family of one client of the tenant. */
    public int revokeClient(UUID tenantId, String clientId) {
        return revokeWhere(tenantId, "client_id", clientId);
    }

    private int revokeWhere(UUID tenantId, String column, String value) {
        Instant now = clock.instant();
        String match = " where tenant_id = :t and " + column + " = :v";
        int n = database.inTenantTransaction(tenantId, s -> s.createNativeQuery("select count(pg_advisory_xact_lock(hashtextextended("
                        + "cast(family_id as text), 0))) from (select distinct family_id from refresh_tokens" + match
                        + " and revoked_at is null order by family_id) f", Long.class)
                .setParameter("t", tenantId)
                .setParameter("v", value)
                .getSingleResult()
                .chain(locked -> s.createNativeQuery("insert into revoked_access_tokens (jti, tenant_id, revoked_at,"
                                + " expires_at) select access_token_jti, tenant_id, :now, access_token_expires_at"
                                + " from refresh_tokens" + match + " and access_token_expires_at > :now"
                                + " on conflict (jti) do nothing")
                        .setParameter("t", tenantId)
                        .setParameter("v", value)
                        .setParameter("now", now)
                        .executeUpdate())
                .chain(denied -> s.createNativeQuery("update refresh_tokens set revoked_at = :now" + match
                                + " and revoked_at is null")
                        .setParameter("t", tenantId)
                        .setParameter("v", value)
                        .setParameter("now", now)
                        .executeUpdate()));
        revoked.markStale();
        return n;
    }

    /** Whether every token of the tenant's family is revoked (for tests and the admin API). */
    public boolean isFamilyRevoked(UUID tenantId, UUID familyId) {
        Long live = database.inTenantTransaction(tenantId, s -> s.createNativeQuery("select count(*) from refresh_tokens"
                        + " where family_id = :f and revoked_at is null", Long.class)
                .setParameter("f", familyId)
                .getSingleResult());
        return live == 0;
    }

    /**
     * Deletes families past their absolute expiry, in every tenant, through the narrow SECURITY DEFINER function
     * {@code purge_expired_refresh_tokens} (V18); returns how many rows.
     */
    public int purgeExpired() {
        return database.inTransaction(s -> s.createNativeQuery("select purge_expired_refresh_tokens(:now)", Long.class)
                .setParameter("now", clock.instant())
                .getSingleResult()
                .map(Long::intValue));
    }

    /** Revokes the family's tokens and deny-lists the live access tokens issued with them; returns rows revoked. */
    private static Uni<Integer> revokeFamilyIn(Mutiny.Session s, UUID family, Instant now) {
        return lockFamily(s, family)
                .chain(locked -> s.createNativeQuery("insert into revoked_access_tokens (jti, tenant_id, revoked_at, expires_at)"
                        + " select access_token_jti, tenant_id, :now, access_token_expires_at from refresh_tokens"
                        + " where family_id = :f and access_token_expires_at > :now on conflict (jti) do nothing")
                .setParameter("now", now)
                .setParameter("f", family)
                .executeUpdate())
                .chain(ignored -> s.createNativeQuery("update refresh_tokens set revoked_at = :now"
                                + " where family_id = :f and revoked_at is null")
                        .setParameter("now", now)
                        .setParameter("f", family)
                        .executeUpdate());
    }

    private Uni<Integer> insert(Mutiny.Session s, UUID tenantId, RefreshGrant grant, String token, Instant now,
                                Instant absolute, UUID parentId, UUID codeId, String accessJti,
                                Instant accessExpiresAt) {
        Instant idle = now.plus(settings.refreshIdleTtl());
        Instant expires = idle.isAfter(absolute) ? absolute : idle;
        return s.createNativeQuery("insert into refresh_tokens (id, tenant_id, family_id, client_id, user_tid, user_oid,"
                        + " user_name, user_username, scope, upstream_token_id, token_hash, created_at, expires_at,"
                        + " absolute_expires_at, parent_id, code_id, access_token_jti, access_token_expires_at)"
                        + " values (:id, :t, :f, :c, :tid, :oid, :name, :username, :scope, :up, :h, :now, :exp, :abs,"
                        + " :parent, :code, :jti, :jexp)")
                .setParameter("id", UUID.randomUUID())
                .setParameter("t", tenantId)
                .setParameter("f", grant.familyId())
                .setParameter("c", grant.clientId())
                .setParameter("tid", grant.subject().tid())
                .setParameter("oid", grant.subject().oid())
                .setParameter("name", grant.subject().name())
                .setParameter("username", grant.subject().username())
                .setParameter("scope", String.join(SPACE, grant.scopes()))
                .setParameter("up", grant.upstreamTokenId())
                .setParameter("h", OpaqueTokens.hash(token))
                .setParameter("now", now)
                .setParameter("exp", expires)
                .setParameter("abs", absolute)
                .setParameter("parent", parentId)
                .setParameter("code", codeId)
                .setParameter("jti", accessJti)
                .setParameter("jexp", accessExpiresAt)
                .executeUpdate();
    }

    private static Set<String> scopes(String scope) {
        Set<String> set = new LinkedHashSet<>(Arrays.asList(scope.split(SPACE)));
        set.remove("");
        return set;
    }
}
