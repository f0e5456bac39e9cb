package io.mcpplatform.server.obo;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One msal4j token cache (serialized JSON) per (tenant, user), kept sealed at rest. */
public interface OboCacheStore {

    /** The user's cache; empty when none is stored or the stored one does not open for this user. */
    Optional<String> load(UUID tenantId, String oid);

    /**
     * Stores the user's cache. {@code expiresAt} is when its last access token expires; a cache whose tokens all
     * expired before now is deleted instead.
     */
    void save(UUID tenantId, String oid, String cacheJson, Instant expiresAt);

    /** Deletes the user's cache (sign-out, erasure); whether one existed. */
    boolean delete(UUID tenantId, String oid);
}
