package io.mcpplatform.server.oauth.keys;

import io.mcpplatform.server.db.Rows;
import io.mcpplatform.tenants.store.Database;

import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code signing_keys} on PostgreSQL: each method is one transaction. */
final class SigningKeyRepository {
    private static final String COLUMNS = "kid, tenant_id, algorithm, public_jwk::text, private_key_ciphertext,"
            + " created_at, activated_at, retired_at";

    private final Database database;

    SigningKeyRepository(Database database) {
        this.database = database;
    }

    /** Every key of the tenant activated or retired after {@code retiredAfter} (and the active one), newest first. */
    List<StoredKey> load(UUID tenantId, Instant retiredAfter) {
        return database.inTenantTransaction(tenantId, s -> s.createNativeQuery("select " + COLUMNS + " from signing_keys"
                        + " where tenant_id = :t and (retired_at is null or retired_at > :after)"
                        + " order by (retired_at is null) desc, activated_at desc", Object[].class)
                .setParameter("t", tenantId)
                .setParameter("after", retiredAfter)
                .getResultList()
                .map(rows -> rows.stream().map(SigningKeyRepository::row).toList()));
    }

    /** Inserts the key as the active one unless the tenant already has an active key; returns whether it did. */
    boolean insertIfNoActive(StoredKey key) {
        int n = database.inTenantTransaction(key.tenantId(), s -> insert(s, key, " on conflict (tenant_id) where retired_at is null do nothing"));
        return n == 1;
    }

    /** Retires the active key (if any) and makes {@code key} active, atomically. */
    void rotate(StoredKey key, Instant now) {
        database.inTenantTransaction(key.tenantId(), s -> s.createNativeQuery("update signing_keys set retired_at = :now"
                        + " where tenant_id = :t and retired_at is null")
                .setParameter("now", now)
                .setParameter("t", key.tenantId())
                .executeUpdate()
                .chain(ignored -> insert(s, key, "")));
    }

    private static Uni<Integer> insert(org.hibernate.reactive.mutiny.Mutiny.Session s, StoredKey key, String suffix) {
        return s.createNativeQuery("insert into signing_keys (kid, tenant_id, algorithm, public_jwk,"
                        + " private_key_ciphertext, created_at, activated_at)"
                        + " values (:kid, :t, :alg, cast(cast(:jwk as text) as jsonb), :sealed, :created, :activated)" + suffix)
                .setParameter("kid", key.kid())
                .setParameter("t", key.tenantId())
                .setParameter("alg", key.algorithm())
                .setParameter("jwk", key.publicJwk())
                .setParameter("sealed", key.sealedPrivateKey())
                .setParameter("created", key.createdAt())
                .setParameter("activated", key.activatedAt())
                .executeUpdate();
    }

    private static StoredKey row(Object[] r) {
        return new StoredKey((String) r[0], Rows.uuid(r[1]), (String) r[2], (String) r[3], (byte[]) r[4],
                Rows.instant(r[5]), Rows.instant(r[6]), Optional.ofNullable(Rows.instant(r[7])));
    }
}
