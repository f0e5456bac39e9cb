package io.mcpplatform.server.entra.store;

import io.mcpplatform.server.crypto.SecretBox;
import io.mcpplatform.server.entra.EntraTokens;
import io.mcpplatform.server.entra.UpstreamTokenStore;
import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.UserScope;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link UpstreamTokenStore} in PostgreSQL through Hibernate Reactive. The whole token set is sealed by the
 * {@link SecretBox} with {@code tenantId|oid|id} as associated data; a row that was tampered with or copied elsewhere
 * fails with {@link io.mcpplatform.server.crypto.SecretBoxException}, never with plaintext. Every unit of work is one
 * transaction that first sets {@code app.tenant_id} and {@code app.user_oid} for row-level security.
 * <p>
 * {@link #save} also records the sign-in in {@code platform_users} (first and last seen, name, username).
 */
public final class PostgresUpstreamTokenStore implements UpstreamTokenStore {
    private final Database database;
    private final SecretBox box;
    private final Clock clock;

    public PostgresUpstreamTokenStore(Database database, SecretBox box, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.box = Objects.requireNonNull(box, "box");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public UUID save(UUID tenantId, EntraTokens tokens) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(tokens, "tokens");
        UUID id = UUID.randomUUID();
        byte[] sealed = box.seal(TokenSetJson.write(tokens), associatedData(tenantId, tokens.oid(), id));
        OffsetDateTime now = now();
        database.inTransaction(s -> UserScope.apply(s, tenantId, tokens.oid())
                .chain(() -> s.createNativeQuery("""
                                insert into platform_users (tenant_id, oid, tid, name, username, first_seen, last_seen)
                                values (:tenant, :oid, :tid, :name, :username, :now, :now)
                                on conflict (tenant_id, oid) do update
                                   set tid = excluded.tid, name = excluded.name, username = excluded.username,
                                       last_seen = excluded.last_seen""")
                        .setParameter("tenant", tenantId)
                        .setParameter("oid", tokens.oid())
                        .setParameter("tid", tokens.tid())
                        .setParameter("name", tokens.name())
                        .setParameter("username", tokens.username())
                        .setParameter("now", now)
                        .executeUpdate())
                .chain(() -> s.createNativeQuery("""
                                insert into upstream_tokens (id, tenant_id, user_oid, tid, ciphertext, expires_at,
                                                             created_at, updated_at)
                                values (:id, :tenant, :oid, :tid, :ciphertext, :expires, :now, :now)""")
                        .setParameter("id", id)
                        .setParameter("tenant", tenantId)
                        .setParameter("oid", tokens.oid())
                        .setParameter("tid", tokens.tid())
                        .setParameter("ciphertext", sealed)
                        .setParameter("expires", utc(tokens))
                        .setParameter("now", now)
                        .executeUpdate()));
        return id;
    }

    @Override
    public Optional<EntraTokens> find(UUID tenantId, String oid, UUID id) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(id, "id");
        if (oid == null || oid.isBlank()) {
            return Optional.empty();
        }
        byte[] sealed = database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery("""
                                select ciphertext from upstream_tokens
                                 where id = :id and tenant_id = :tenant and user_oid = :oid""", byte[].class)
                        .setParameter("id", id)
                        .setParameter("tenant", tenantId)
                        .setParameter("oid", oid)
                        .getSingleResultOrNull()));
        if (sealed == null) {
            return Optional.empty();
        }
        EntraTokens tokens = TokenSetJson.read(box.open(sealed, associatedData(tenantId, oid, id)));
        return tokens.oid().equals(oid) ? Optional.of(tokens) : Optional.empty();
    }

    @Override
    public Optional<Stored> findLatest(UUID tenantId, String oid) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (oid == null || oid.isBlank()) {
            return Optional.empty();
        }
        Object[] row = database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery("""
                                select id, ciphertext from upstream_tokens
                                 where tenant_id = :tenant and user_oid = :oid
                                 order by updated_at desc, expires_at desc limit 1""", Object[].class)
                        .setParameter("tenant", tenantId)
                        .setParameter("oid", oid)
                        .getSingleResultOrNull()));
        if (row == null) {
            return Optional.empty();
        }
        UUID id = (UUID) row[0];
        EntraTokens tokens = TokenSetJson.read(box.open((byte[]) row[1], associatedData(tenantId, oid, id)));
        return tokens.oid().equals(oid) ? Optional.of(new Stored(id, tokens)) : Optional.empty();
    }

    @Override
    public void update(UUID tenantId, UUID id, EntraTokens tokens) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokens, "tokens");
        byte[] sealed = box.seal(TokenSetJson.write(tokens), associatedData(tenantId, tokens.oid(), id));
        Integer updated = database.inTransaction(s -> UserScope.apply(s, tenantId, tokens.oid())
                .chain(() -> s.createNativeQuery("""
                                update upstream_tokens
                                   set ciphertext = :ciphertext, expires_at = :expires, updated_at = :now
                                 where id = :id and tenant_id = :tenant and user_oid = :oid""")
                        .setParameter("ciphertext", sealed)
                        .setParameter("expires", utc(tokens))
                        .setParameter("now", now())
                        .setParameter("id", id)
                        .setParameter("tenant", tenantId)
                        .setParameter("oid", tokens.oid())
                        .executeUpdate()));
        if (updated == 0) {
            throw new NoSuchElementException("no stored sign-in " + id + " for this tenant and user");
        }
    }

    @Override
    public int deleteUser(UUID tenantId, String oid) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (oid == null || oid.isBlank()) {
            return 0;
        }
        return database.inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery(
                                "delete from upstream_tokens where tenant_id = :tenant and user_oid = :oid")
                        .setParameter("tenant", tenantId)
                        .setParameter("oid", oid)
                        .executeUpdate()));
    }

    static byte[] associatedData(UUID tenantId, String oid, UUID id) {
        return (tenantId + "|" + oid + "|" + id).getBytes(StandardCharsets.UTF_8);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static OffsetDateTime utc(EntraTokens tokens) {
        return OffsetDateTime.ofInstant(tokens.expiresAt().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
