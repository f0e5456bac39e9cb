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
 * @param action   one of {@link AuditActions#ALL}
 * @param detail   small details under allow-listed keys, checked by {@link AuditDetail#checked}: never a token,
 *                 code, secret or tool arguments
 * @throws IllegalArgumentException for an action outside the vocabulary or a detail the guard refuses
 */
public record AuditEvent(UUID tenantId, String actorOid, String clientId, String action, Map<String, Object> detail) {
    public AuditEvent {
        Objects.requireNonNull(action, "action");
        if (!AuditActions.ALL.contains(action)) {
            throw new IllegalArgumentException("audit action '" + action + "' is not in the vocabulary");
        }
        detail = AuditDetail.checked(detail);
    }
}
