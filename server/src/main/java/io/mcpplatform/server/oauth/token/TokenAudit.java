package io.mcpplatform.server.oauth.token;

import io.mcpplatform.server.audit.AuditActions;
import io.mcpplatform.server.audit.AuditEvent;
import io.mcpplatform.server.audit.AuditLog;
import io.mcpplatform.tenants.Tenant;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The token side's audit entries: codes redeemed and replayed, access tokens issued, refresh tokens rotated and
 * replayed, revocations. Names tokens only by their ids ({@code jti}, family, code row id), never by value.
 */
final class TokenAudit {
    private final AuditLog log;

    TokenAudit(AuditLog log) {
        this.log = log;
    }

    void codeRedeemed(Tenant tenant, String clientId, String oid, UUID codeId) {
        record(tenant, oid, clientId, AuditActions.CODE_REDEEMED, Map.of("code_id", codeId.toString()));
    }

    void codeReplayed(Tenant tenant, String clientId, UUID codeId, int revokedRefreshTokens) {
        record(tenant, null, clientId, AuditActions.CODE_REPLAYED, Map.of("code_id", codeId.toString(),
                "revoked_refresh_tokens", revokedRefreshTokens));
    }

    void accessTokenIssued(Tenant tenant, String clientId, String oid, String grantType, Set<String> scopes,
                           String jti) {
        record(tenant, oid, clientId, AuditActions.TOKEN_ISSUED, Map.of("grant_type", grantType,
                "scopes", scopes.stream().sorted().toList(), "jti", jti));
    }

    void refreshRotated(Tenant tenant, String clientId, String oid, UUID familyId) {
        record(tenant, oid, clientId, AuditActions.REFRESH_ROTATED, Map.of("family_id", familyId.toString()));
    }

    void refreshReplayed(Tenant tenant, String clientId, String oid, UUID familyId) {
        record(tenant, oid, clientId, AuditActions.REFRESH_REPLAYED, Map.of("family_id", familyId.toString()));
    }

    /** A use of the revocation endpoint by an authenticated client, whatever its outcome. */
    void revoked(Tenant tenant, String clientId, String tokenType, RevocationOutcome outcome) {
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("token_type", tokenType);
        detail.put("revoked", outcome.revoked());
        outcome.jti().ifPresent(j -> detail.put("jti", j));
        outcome.familyId().ifPresent(f -> detail.put("family_id", f.toString()));
        record(tenant, outcome.oid().orElse(null), clientId, AuditActions.TOKEN_REVOKED, detail);
    }

    private void record(Tenant tenant, String oid, String clientId, String action, Map<String, Object> detail) {
        log.record(new AuditEvent(tenant.id(), oid, clientId, action, detail));
    }
}
