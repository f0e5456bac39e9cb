package io.mcpplatform.server.oauth.authorize;

import io.mcpplatform.server.audit.AuditActions;
import io.mcpplatform.server.audit.AuditEvent;
import io.mcpplatform.server.audit.AuditLog;
import io.mcpplatform.tenants.Tenant;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization front's audit entries: sign-ins completed and failed, consents granted and denied, codes issued.
 * Carries codes only (error codes, scopes), never Entra's code, tokens, state or verifiers.
 */
final class SignInAudit {
    private final AuditLog log;

    SignInAudit(AuditLog log) {
        this.log = log;
    }

    void completed(Tenant tenant, String clientId, String oid) {
        log.record(new AuditEvent(tenant.id(), oid, clientId, AuditActions.SIGN_IN_COMPLETED, Map.of()));
    }

    /**
     * @param error      the OAuth error the client is sent ({@code access_denied}, {@code server_error}, …)
     * @param reason     why, as a short code ({@code entra_error}, {@code other_directory}, …)
     * @param entraError Entra's error or AADSTS code, when it sent one
     */
    void failed(Tenant tenant, String clientId, String error, String reason, Optional<String> entraError) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("error", error);
        detail.put("reason", reason);
        entraError.ifPresent(e -> detail.put("entra_error", e));
        log.record(new AuditEvent(tenant.id(), null, clientId, AuditActions.SIGN_IN_FAILED, detail));
    }

    void consentGranted(Tenant tenant, String clientId, String oid, Collection<String> scopes) {
        log.record(new AuditEvent(tenant.id(), oid, clientId, AuditActions.CONSENT_GRANTED, scopes(scopes)));
    }

    void consentDenied(Tenant tenant, String clientId, String oid, Collection<String> scopes) {
        log.record(new AuditEvent(tenant.id(), oid, clientId, AuditActions.CONSENT_DENIED, scopes(scopes)));
    }

    void codeIssued(Tenant tenant, String clientId, String oid, Collection<String> scopes) {
        log.record(new AuditEvent(tenant.id(), oid, clientId, AuditActions.CODE_ISSUED, scopes(scopes)));
    }

    private static Map<String, Object> scopes(Collection<String> scopes) {
        return Map.of("scopes", scopes.stream().sorted().toList());
    }
}
