package io.mcpplatform.server.oauth.consent;

import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.UserScope;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Remembered consents in {@code consents} (V7): user U of tenant T let client C have scopes S. The table has
 * row-level security; every transaction here first sets {@code app.tenant_id} and {@code app.user_oid}, so a statement
 * can only see or change that one user's rows. One reactive chain per call, awaited once.
 */
public final class ConsentRepository {
    private final Database database;

    public ConsentRepository(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** Whether the user has an active consent for this client covering every one of these scopes. */
    public boolean covers(UUID tenantId, String oid, String clientId, Collection<String> scopes) {
        return scopes(tenantId, oid, clientId).map(s -> s.containsAll(scopes)).orElse(false);
    }

    /** The scopes of the user's active consent for this client, if any. */
    public Optional<Set<String>> scopes(UUID tenantId, String oid, String clientId) {
        String joined = database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery("select array_to_string(scopes, ' ') from consents"
                                + " where tenant_id = :t and user_oid = :oid and client_id = :c and revoked_at is null",
                                String.class)
                        .setParameter("t", tenantId)
                        .setParameter("oid", oid)
                        .setParameter("c", clientId)
                        .getSingleResultOrNull()));
        return Optional.ofNullable(joined).map(j -> new TreeSet<>(Arrays.asList(j.split(" "))));
    }

    /**
     * Records consent. An active consent grows by the new scopes; a revoked one is replaced.
     */
    public void grant(UUID tenantId, String oid, String clientId, Collection<String> scopes, Instant now) {
        if (scopes.isEmpty() || scopes.stream().anyMatch(x -> x.isEmpty() || x.contains(" "))) {
            throw new IllegalArgumentException("scopes must be non-empty tokens");
        }
        String joined = String.join(" ", new TreeSet<>(scopes));
        database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery("""
                                insert into consents (tenant_id, user_oid, client_id, scopes, granted_at)
                                values (:t, :oid, :c, string_to_array(:scopes, ' '), :now)
                                on conflict (tenant_id, user_oid, client_id) do update set
                                    scopes = case when consents.revoked_at is null
                                        then array(select distinct x from unnest(consents.scopes || excluded.scopes) x order by x)
                                        else excluded.scopes end,
                                    granted_at = excluded.granted_at,
                                    revoked_at = null""")
                        .setParameter("t", tenantId)
                        .setParameter("oid", oid)
                        .setParameter("c", clientId)
                        .setParameter("scopes", joined)
                        .setParameter("now", now.truncatedTo(ChronoUnit.MICROS))
                        .executeUpdate()));
    }

    /** Revokes the user's consent for a client; returns whether an active consent was revoked. */
    public boolean revoke(UUID tenantId, String oid, String clientId, Instant now) {
        Integer n = database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery("update consents set revoked_at = :now where tenant_id = :t"
                                + " and user_oid = :oid and client_id = :c and revoked_at is null")
                        .setParameter("now", now.truncatedTo(ChronoUnit.MICROS))
                        .setParameter("t", tenantId)
                        .setParameter("oid", oid)
                        .setParameter("c", clientId)
                        .executeUpdate()));
        return n > 0;
    }

    /** Revokes every active consent of the user; returns how many. */
    public int revokeAll(UUID tenantId, String oid, Instant now) {
        return database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery("update consents set revoked_at = :now where tenant_id = :t"
                                + " and user_oid = :oid and revoked_at is null")
                        .setParameter("now", now.truncatedTo(ChronoUnit.MICROS))
                        .setParameter("t", tenantId)
                        .setParameter("oid", oid)
                        .executeUpdate()));
    }

    /** Deletes every consent row of the user (erasure); returns how many. */
    public int deleteAll(UUID tenantId, String oid) {
        return database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery("delete from consents where tenant_id = :t and user_oid = :oid")
                        .setParameter("t", tenantId)
                        .setParameter("oid", oid)
                        .executeUpdate()));
    }
}
