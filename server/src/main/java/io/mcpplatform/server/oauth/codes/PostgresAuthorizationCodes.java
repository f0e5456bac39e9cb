package io.mcpplatform.server.oauth.codes;

import io.mcpplatform.server.crypto.OpaqueTokens;
import io.mcpplatform.server.db.Rows;
import io.mcpplatform.tenants.store.Database;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * {@link AuthorizationCodes} on PostgreSQL ({@code authorization_codes}). A code is 32 random bytes (base64url);
 * only its SHA-256 is stored. Redemption is one atomic {@code UPDATE ... WHERE redeemed_at IS NULL ... RETURNING}, so
 * of any number of concurrent redemptions exactly one wins.
 */
public final class PostgresAuthorizationCodes implements AuthorizationCodes {
    /** The longest a code lives. */
    public static final Duration MAX_TTL = Duration.ofSeconds(60);

    private static final String GRANT_COLUMNS = "id, client_id, redirect_uri, code_challenge, scope, resource,"
            + " user_tid, user_oid, user_name, user_username, upstream_token_id, expires_at";

    private final Database database;
    private final Clock clock;

    public PostgresAuthorizationCodes(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Stores the grant; its expiry is capped at {@link #MAX_TTL} from now. */
    @Override
    public String issue(CodeGrant grant) {
        Instant now = clock.instant();
        Instant cap = now.plus(MAX_TTL);
        Instant expires = grant.expiresAt().isAfter(cap) ? cap : grant.expiresAt();
        if (!expires.isAfter(now)) {
            throw new IllegalArgumentException("the grant has already expired");
        }
        String code = OpaqueTokens.random();
        database.inTenantTransaction(grant.tenantId(), s -> s.createNativeQuery("insert into authorization_codes (id, tenant_id, code_hash,"
                        + " client_id, redirect_uri, code_challenge, scope, resource, user_tid, user_oid, user_name,"
                        + " user_username, upstream_token_id, created_at, expires_at) values (:id, :t, :h, :c, :r, :cc,"
                        + " :scope, :res, :tid, :oid, :name, :username, :up, :now, :exp)")
                .setParameter("id", UUID.randomUUID())
                .setParameter("t", grant.tenantId())
                .setParameter("h", OpaqueTokens.hash(code))
                .setParameter("c", grant.clientId())
                .setParameter("r", grant.redirectUri())
                .setParameter("cc", grant.codeChallenge())
                .setParameter("scope", String.join(" ", grant.scopes()))
                .setParameter("res", grant.resource())
                .setParameter("tid", grant.tid())
                .setParameter("oid", grant.oid())
                .setParameter("name", grant.name() == null ? "" : grant.name())
                .setParameter("username", grant.username() == null ? "" : grant.username())
                .setParameter("up", grant.upstreamTokenId())
                .setParameter("now", now)
                .setParameter("exp", expires)
                .executeUpdate());
        return code;
    }

    @Override
    public Redemption redeem(UUID tenantId, String code, String clientId, String redirectUri, String codeChallenge) {
        if (code == null || code.isEmpty() || code.length() > 256) {
            return new Redemption.Invalid();
        }
        String hash = OpaqueTokens.hash(code);
        Instant now = clock.instant();
        return database.inTenantTransaction(tenantId, s -> s.createNativeQuery("update authorization_codes set redeemed_at = :now"
                        + " where code_hash = :h and tenant_id = :t and redeemed_at is null and expires_at > :now"
                        + " and client_id = :c and redirect_uri = :r and code_challenge = :cc"
                        + " returning " + GRANT_COLUMNS, Object[].class)
                .setParameter("now", now)
                .setParameter("h", hash)
                .setParameter("t", tenantId)
                .setParameter("c", clientId)
                .setParameter("r", redirectUri)
                .setParameter("cc", codeChallenge)
                .getResultList()
                .chain(rows -> rows.isEmpty()
                        ? classify(s, tenantId, hash, now, clientId, redirectUri)
                        : Uni.createFrom().item(granted(tenantId, rows.getFirst()))));
    }

    /** Deletes codes that expired before {@code before}; returns how many. */
    public int purgeExpired(Instant before) {
        return database.inTransaction(s -> s.createNativeQuery("select purge_expired_authorization_codes(:b)", Long.class)
                .setParameter("b", before)
                .getSingleResult()
                .map(Long::intValue));
    }

    private static Uni<Redemption> classify(Mutiny.Session s, UUID tenantId, String hash, Instant now,
                                            String clientId, String redirectUri) {
        return s.createNativeQuery("select id, redeemed_at, expires_at, client_id, redirect_uri from authorization_codes"
                        + " where code_hash = :h and tenant_id = :t", Object[].class)
                .setParameter("h", hash)
                .setParameter("t", tenantId)
                .getResultList()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return new Redemption.Invalid();
                    }
                    Object[] r = rows.getFirst();
                    if (r[1] != null) {
                        return new Redemption.Replayed(Rows.uuid(r[0]));
                    }
                    if (!Rows.instant(r[2]).isAfter(now)) {
                        return new Redemption.Invalid();
                    }
                    if (!r[3].equals(clientId)) {
                        return new Redemption.Mismatch("client_id");
                    }
                    if (!r[4].equals(redirectUri)) {
                        return new Redemption.Mismatch("redirect_uri");
                    }
                    return new Redemption.Mismatch("code_verifier");
                });
    }

    private static Redemption granted(UUID tenantId, Object[] r) {
        List<String> scopes = Arrays.stream(((String) r[4]).split(" ")).filter(x -> !x.isEmpty()).toList();
        CodeGrant grant = new CodeGrant(tenantId, (String) r[1], (String) r[2], (String) r[3],
                new LinkedHashSet<>(scopes), (String) r[5], (String) r[6], (String) r[7], Rows.text(r[8]),
                Rows.text(r[9]), Rows.uuid(r[10]), Rows.instant(r[11]));
        return new Redemption.Granted(Rows.uuid(r[0]), grant);
    }
}
