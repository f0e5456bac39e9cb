package io.mcpplatform.server.oauth.clients;

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
 * The {@code oauth_clients} table on Hibernate Reactive: registered clients (dynamic and pre-registered). Every method
 * is one reactive chain awaited once, callable from virtual threads.
 */
public final class OAuthClientRepository {
    /** Entity classes to register with {@link Database#create}. */
    public static final List<Class<?>> ENTITIES = List.of(OAuthClientEntity.class);
    /** {@code last_used_at} is written at most this often per client. */
    static final Duration TOUCH_GRANULARITY = Duration.ofMinutes(5);

    private final Database database;

    public OAuthClientRepository(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * The client of this tenant with this id, revoked or not: one statement outside a transaction (the hot path of
     * /authorize and /token), through {@code oauth_client_in_tenant}, which scopes itself to the tenant (V18).
     */
    public Optional<OAuthClient> find(UUID tenantId, String clientId) {
        OAuthClientEntity e = database.inSession(s -> s
                .createNativeQuery("select id, tenant_id, client_id, client_name, redirect_uris, grant_types,"
                        + " token_endpoint_auth_method, client_secret_hash, registration_type, created_at, last_used_at,"
                        + " revoked_at from oauth_client_in_tenant(:t, :c)", OAuthClientEntity.class)
                .setParameter("t", tenantId)
                .setParameter("c", clientId)
                .getSingleResultOrNull());
        return Optional.ofNullable(e).map(OAuthClientEntity::toClient);
    }

    /**
     * Stores a dynamically registered client unless the tenant already has {@code maxClients} active dynamic ones
     * (checked under a per-tenant lock, so concurrent registrations cannot overshoot).
     *
     * @return false when the cap was reached (nothing stored)
     */
    public boolean insertDynamic(OAuthClient client, List<String> grantTypes, String metadataJson, Instant now,
                                 int maxClients) {
        requireType(client, OAuthClient.RegistrationType.DYNAMIC);
        OAuthClientEntity entity = OAuthClientEntity.of(client, grantTypes, micros(now));
        return database.inTenantTransaction(client.tenantId(), s -> s
                .createNativeQuery("select cast(pg_advisory_xact_lock(hashtextextended(:k, 0)) as text)", String.class)
                .setParameter("k", "oauth_clients:" + client.tenantId())
                .getSingleResult()
                .chain(() -> s.createNativeQuery("select count(*) from oauth_clients where tenant_id = :t"
                                + " and registration_type = 'DYNAMIC' and revoked_at is null", Long.class)
                        .setParameter("t", client.tenantId())
                        .getSingleResult())
                .chain(count -> count >= maxClients
                        ? Uni.createFrom().item(false)
                        : persist(s, entity, metadataJson).replaceWith(true)));
    }

    /** Stores a client an administrator registered ({@link OAuthClient.RegistrationType#PRE_REGISTERED}). */
    public void insertPreRegistered(OAuthClient client, List<String> grantTypes, String metadataJson, Instant now) {
        requireType(client, OAuthClient.RegistrationType.PRE_REGISTERED);
        OAuthClientEntity entity = OAuthClientEntity.of(client, grantTypes, micros(now));
        database.inTenantTransaction(client.tenantId(), s -> persist(s, entity, metadataJson));
    }

    /** Marks a client revoked; returns whether an active client was revoked. */
    public boolean revoke(UUID tenantId, String clientId, Instant now) {
        Integer n = database.inTenantTransaction(tenantId, s -> s
                .createMutationQuery("update OAuthClientEntity set revokedAt = :now"
                        + " where tenantId = :t and clientId = :c and revokedAt is null")
                .setParameter("now", micros(now))
                .setParameter("t", tenantId)
                .setParameter("c", clientId)
                .executeUpdate());
        return n > 0;
    }

    /**
     * Refuses a metadata-document client (an https client id, which has no row of its own while it is allowed) from
     * now on: stores a revoked {@code METADATA_DOCUMENT} row, or marks the existing one revoked. Returns whether it
     * was not refused before.
     */
    public boolean revokeMetadataDocumentClient(UUID tenantId, String clientId, Instant now) {
        Integer n = database.inTenantTransaction(tenantId, s -> s.createNativeQuery("insert into oauth_clients (id, tenant_id,"
                        + " client_id, registration_type, created_at, revoked_at) values (:id, :t, :c,"
                        + " 'METADATA_DOCUMENT', :now, :now) on conflict (tenant_id, client_id) do update"
                        + " set revoked_at = :now where oauth_clients.revoked_at is null")
                .setParameter("id", UUID.randomUUID())
                .setParameter("t", tenantId)
                .setParameter("c", clientId)
                .setParameter("now", micros(now))
                .executeUpdate());
        return n > 0;
    }

    /** Records that a client was used now (written at most every few minutes per client). */
    public void touch(UUID tenantId, String clientId, Instant now) {
        database.inTenantTransaction(tenantId, s -> s
                .createMutationQuery("update OAuthClientEntity set lastUsedAt = :now where tenantId = :t"
                        + " and clientId = :c and (lastUsedAt is null or lastUsedAt < :before)")
                .setParameter("now", micros(now))
                .setParameter("before", micros(now.minus(TOUCH_GRANULARITY)))
                .setParameter("t", tenantId)
                .setParameter("c", clientId)
                .executeUpdate());
    }

    /** When the client was last used, if ever (for tests and the admin API). */
    public Optional<Instant> lastUsedAt(UUID tenantId, String clientId) {
        OAuthClientEntity e = database.inTenantTransaction(tenantId, s -> s
                .createSelectionQuery("from OAuthClientEntity where tenantId = :t and clientId = :c", OAuthClientEntity.class)
                .setParameter("t", tenantId)
                .setParameter("c", clientId)
                .getSingleResultOrNull());
        return Optional.ofNullable(e).map(x -> x.lastUsedAt);
    }

    /** How many clients of a tenant are stored (any type, any state). */
    public long count(UUID tenantId) {
        return database.inTenantTransaction(tenantId, s -> s
                .createNativeQuery("select count(*) from oauth_clients where tenant_id = :t", Long.class)
                .setParameter("t", tenantId)
                .getSingleResult());
    }

    private static Uni<Void> persist(org.hibernate.reactive.mutiny.Mutiny.Session s, OAuthClientEntity entity,
                                     String metadataJson) {
        return s.persist(entity)
                .call(s::flush)
                .chain(() -> s.createNativeQuery("update oauth_clients set metadata = cast(cast(:m as text) as jsonb) where id = :id")
                        // as text first: the Vert.x client would send a Java string bound to jsonb as a JSON string
                        .setParameter("m", metadataJson)
                        .setParameter("id", entity.id)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static void requireType(OAuthClient client, OAuthClient.RegistrationType type) {
        if (client.type() != type) {
            throw new IllegalArgumentException("expected a " + type + " client, got " + client.type());
        }
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
