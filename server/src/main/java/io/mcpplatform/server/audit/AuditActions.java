package io.mcpplatform.server.audit;

import java.util.Set;

/**
 * The audit vocabulary: every action an {@link AuditEvent} may name. Fixed on purpose, so that queries by action
 * ({@code ?action=oauth.token.*}) are reliable; the OpenAPI document's {@code AuditEntry.action} enum lists the same
 * names (a test compares them).
 */
public final class AuditActions {
    // admin API changes (actor: the admin's oid or none for the bootstrap key; detail.actor names the principal)
    public static final String TENANT_CREATED = "admin.tenant.created";
    public static final String TENANT_UPDATED = "admin.tenant.updated";
    public static final String TENANT_ENABLED = "admin.tenant.enabled";
    public static final String TENANT_DISABLED = "admin.tenant.disabled";
    public static final String TENANT_DELETED = "admin.tenant.deleted";
    public static final String CLIENT_REVOKED = "admin.client.revoked";
    public static final String USER_REVOKED = "admin.user.revoked";
    public static final String USER_ERASED = "admin.user.erased";
    public static final String KEYS_ROTATED = "admin.keys.rotated";
    public static final String TENANT_PROVISIONED = "admin.tenant.provisioned";
    public static final String TENANT_PROVISION_FAILED = "admin.tenant.provision_failed";
    public static final String TENANT_DOCTOR = "admin.tenant.doctor";

    // sign-in and consent (actor: the user once Entra has named them)
    public static final String SIGN_IN_COMPLETED = "oauth.sign_in.completed";
    public static final String SIGN_IN_FAILED = "oauth.sign_in.failed";
    public static final String CONSENT_GRANTED = "oauth.consent.granted";
    public static final String CONSENT_DENIED = "oauth.consent.denied";

    // codes and tokens (actor: the user the token is for)
    public static final String CODE_ISSUED = "oauth.code.issued";
    public static final String CODE_REDEEMED = "oauth.code.redeemed";
    public static final String CODE_REPLAYED = "oauth.code.replayed";
    public static final String TOKEN_ISSUED = "oauth.token.issued";
    public static final String REFRESH_ROTATED = "oauth.refresh.rotated";
    public static final String REFRESH_REPLAYED = "oauth.refresh.replayed";
    public static final String TOKEN_REVOKED = "oauth.token.revoked";

    // MCP
    public static final String TOOL_CALL = "tools/call";

    /** Every action. */
    public static final Set<String> ALL = Set.of(TENANT_CREATED, TENANT_UPDATED, TENANT_ENABLED, TENANT_DISABLED,
            TENANT_DELETED, CLIENT_REVOKED, USER_REVOKED, USER_ERASED, KEYS_ROTATED, TENANT_PROVISIONED,
            TENANT_PROVISION_FAILED, TENANT_DOCTOR, SIGN_IN_COMPLETED, SIGN_IN_FAILED,
            CONSENT_GRANTED, CONSENT_DENIED, CODE_ISSUED, CODE_REDEEMED, CODE_REPLAYED, TOKEN_ISSUED, REFRESH_ROTATED,
            REFRESH_REPLAYED, TOKEN_REVOKED, TOOL_CALL);

    private AuditActions() {
    }
}
