package io.mcpplatform.server.oauth.authorize;

import io.mcpplatform.server.entra.EntraTokens;
import io.mcpplatform.server.entra.UpstreamTokenStore;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Test double of {@link UpstreamTokenStore}. */
final class InMemoryUpstreamTokenStore implements UpstreamTokenStore {
    record Row(UUID tenantId, EntraTokens tokens) {
    }

    final Map<UUID, Row> rows = new ConcurrentHashMap<>();

    @Override
    public UUID save(UUID tenantId, EntraTokens tokens) {
        UUID id = UUID.randomUUID();
        rows.put(id, new Row(tenantId, tokens));
        return id;
    }

    @Override
    public Optional<EntraTokens> find(UUID tenantId, String oid, UUID id) {
        return Optional.ofNullable(rows.get(id)).filter(r -> r.tenantId().equals(tenantId) && r.tokens().oid().equals(oid))
                .map(Row::tokens);
    }

    @Override
    public Optional<Stored> findLatest(UUID tenantId, String oid) {
        return rows.entrySet().stream()
                .filter(e -> e.getValue().tenantId().equals(tenantId) && e.getValue().tokens().oid().equals(oid))
                .max(java.util.Comparator.comparing(e -> e.getValue().tokens().expiresAt()))
                .map(e -> new Stored(e.getKey(), e.getValue().tokens()));
    }

    @Override
    public void update(UUID tenantId, UUID id, EntraTokens tokens) {
        rows.put(id, new Row(tenantId, tokens));
    }

    @Override
    public int deleteUser(UUID tenantId, String oid) {
        int before = rows.size();
        rows.values().removeIf(r -> r.tenantId().equals(tenantId) && r.tokens().oid().equals(oid));
        return before - rows.size();
    }
}
