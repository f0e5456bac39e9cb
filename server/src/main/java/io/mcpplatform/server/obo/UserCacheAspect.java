package io.mcpplatform.server.obo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The msal4j cache of ONE user for one short-lived app: loaded from the {@link OboCacheStore} before msal4j reads it,
 * written back (expired access tokens pruned) after msal4j changed it. Never shared between users.
 */
final class UserCacheAspect implements ITokenCacheAccessAspect {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OboCacheStore store;
    private final UUID tenantId;
    private final String oid;
    private final Clock clock;
    private boolean loaded;

    UserCacheAspect(OboCacheStore store, UUID tenantId, String oid, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.oid = Objects.requireNonNull(oid, "oid");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void beforeCacheAccess(ITokenCacheAccessContext context) {
        if (!loaded) {
            loaded = true;
            store.load(tenantId, oid).ifPresent(json -> context.tokenCache().deserialize(json));
        }
    }

    @Override
    public synchronized void afterCacheAccess(ITokenCacheAccessContext context) {
        if (!context.hasCacheChanged()) {
            return;
        }
        Pruned pruned = prune(context.tokenCache().serialize(), clock.instant());
        store.save(tenantId, oid, pruned.json(), pruned.expiresAt());
    }

    /** The cache without expired access tokens, and when its last access token expires. */
    static Pruned prune(String json, Instant now) {
        try {
            JsonNode root = JSON.readTree(json);
            Instant latest = Instant.EPOCH;
            if (root.path("AccessToken") instanceof ObjectNode tokens) {
                List<String> expired = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = tokens.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    Instant expiresOn = Instant.ofEpochSecond(entry.getValue().path("expires_on").asLong(0));
                    if (expiresOn.isAfter(now)) {
                        latest = expiresOn.isAfter(latest) ? expiresOn : latest;
                    } else {
                        expired.add(entry.getKey());
                    }
                }
                tokens.remove(expired);
            }
            return new Pruned(JSON.writeValueAsString(root), latest);
        } catch (IOException | RuntimeException e) {
            return new Pruned("{}", Instant.EPOCH);
        }
    }

    record Pruned(String json, Instant expiresAt) {
    }
}
