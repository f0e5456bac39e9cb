package io.mcpplatform.server.audit;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One audited action.
 *
 * @param tenantId the tenant, or null for platform-level entries (a tenant deleted by an operator)
 * @param actorOid the user's Entra object id, or null when no user is known
 * @param clientId the OAuth client, or null
 * @param action   what happened, e.g. {@code tools/call}, {@code oauth.refresh_replayed}
 * @param detail   small JSON-able details (tool name, request id); never a token or tool arguments
 */
public record AuditEvent(UUID tenantId, String actorOid, String clientId, String action, Map<String, Object> detail) {
    public AuditEvent {
        Objects.requireNonNull(action, "action");
        detail = Map.copyOf(detail);
    }
}
