package io.mcpplatform.server.obo.store;

import io.mcpplatform.server.crypto.SecretBox;
import io.mcpplatform.server.crypto.SecretBoxException;
import io.mcpplatform.server.obo.OboCacheStore;
import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.UserScope;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link OboCacheStore} in table {@code obo_token_cache}: one row per (tenant, oid), the cache sealed by the
 * {@link SecretBox} with {@code tenantId|oid} as associated data, so a row copied under another user does not open and
 * reads as empty. Each unit of work is one transaction that first sets {@code app.tenant_id} and {@code app.user_oid}.
 */
public final class PostgresOboCacheStore implements OboCacheStore {
    private final Database database;
    private final SecretBox box;
    private final Clock clock;

    public PostgresOboCacheStore(Database database, SecretBox box, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.box = Objects.requireNonNull(box, "box");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<String> load(UUID tenantId, String oid) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (oid == null || oid.isBlank()) {
            return Optional.empty();
        }
        byte[] sealed = database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery("""
                                select ciphertext from obo_token_cache
                                 where tenant_id = :tenant and user_oid = :oid""", byte[].class)
                        .setParameter("tenant", tenantId)
                        .setParameter("oid", oid)
                        .getSingleResultOrNull()));
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(box.open(sealed, associatedData(tenantId, oid)), StandardCharsets.UTF_8));
        } catch (SecretBoxException e) {
            return Optional.empty();
        }
    }

    @Override
    public void save(UUID tenantId, String oid, String cacheJson, Instant expiresAt) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(cacheJson, "cacheJson");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            delete(tenantId, oid);
            return;
        }
        byte[] sealed = box.seal(cacheJson.getBytes(StandardCharsets.UTF_8), associatedData(tenantId, oid));
        database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery("""
                                insert into obo_token_cache (tenant_id, user_oid, ciphertext, updated_at, expires_at)
                                values (:tenant, :oid, :ciphertext, :now, :expires)
                                on conflict (tenant_id, user_oid) do update
                                   set ciphertext = excluded.ciphertext, updated_at = excluded.updated_at,
                                       expires_at = excluded.expires_at""")
                        .setParameter("tenant", tenantId)
                        .setParameter("oid", oid)
                        .setParameter("ciphertext", sealed)
                        .setParameter("now", utc(now))
                        .setParameter("expires", utc(expiresAt))
                        .executeUpdate()));
    }

    @Override
    public boolean delete(UUID tenantId, String oid) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (oid == null || oid.isBlank()) {
            return false;
        }
        Integer deleted = database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery(
                                "delete from obo_token_cache where tenant_id = :tenant and user_oid = :oid")
                        .setParameter("tenant", tenantId)
                        .setParameter("oid", oid)
                        .executeUpdate()));
        return deleted > 0;
    }

    static byte[] associatedData(UUID tenantId, String oid) {
        return (tenantId + "|" + oid).getBytes(StandardCharsets.UTF_8);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
