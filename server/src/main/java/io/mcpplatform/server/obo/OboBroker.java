package io.mcpplatform.server.obo;

import io.mcpplatform.server.auth.UserContext;
import io.mcpplatform.tenants.Tenant;

import java.util.Set;

/**
 * Access tokens for downstream APIs (Microsoft Graph and others) on behalf of the signed-in user, through Entra's
 * on-behalf-of flow with the tenant's own app. Never an app-only token: every token carries the user's own
 * permissions. Tokens are cached per (tenant, user) and never handed to another user.
 */
public interface OboBroker {

    /**
     * A downstream access token for this user and these scopes (e.g. {@code https://graph.microsoft.com/User.Read}).
     *
     * @throws OboException.ConsentRequired     the tenant's admin has not consented to the scopes (AADSTS65001)
     * @throws OboException.InteractionRequired the user must sign in again (MFA, Conditional Access, claims challenge)
     * @throws OboException.Unavailable         Entra could not be reached or answered with an error
     */
    String accessToken(Tenant tenant, UserContext user, Set<String> scopes);

    /**
     * As {@link #accessToken(Tenant, UserContext, Set)}; with {@code bypassCache} a fresh token is requested from Entra
     * (after the API rejected the cached one with 401) and replaces the cached one.
     */
    default String accessToken(Tenant tenant, UserContext user, Set<String> scopes, boolean bypassCache) {
        return accessToken(tenant, user, scopes);
    }

    /** Forgets whatever this instance remembers in memory for the user (revocation, erasure). */
    default void forget(java.util.UUID tenantId, String oid) {
    }

    /** Forgets whatever this instance remembers in memory for the tenant's users (tenant erasure). */
    default void forgetTenant(java.util.UUID tenantId) {
    }
}
