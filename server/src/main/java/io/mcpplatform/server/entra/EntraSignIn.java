package io.mcpplatform.server.entra;

import io.mcpplatform.tenants.Tenant;

import java.net.URI;

/**
 * The platform's own sign-in at a tenant's Entra app: the browser is sent to Entra's {@code /authorize} with the
 * platform's PKCE and state (never the MCP client's {@code resource}, which Entra rejects), and the code that comes
 * back to {@code /callback} is redeemed with msal4j using the tenant's credential.
 */
public interface EntraSignIn {

    /**
     * Entra's authorization URL for this tenant's app.
     *
     * @param tenant        a tenant with an Entra app
     * @param redirectUri   the platform's callback for the tenant
     * @param state         opaque, single-use, bound to the pending authorization
     * @param codeChallenge the platform's own PKCE S256 challenge
     * @param nonce         OpenID Connect nonce, checked in the ID token
     */
    URI authorizationUrl(Tenant tenant, URI redirectUri, String state, String codeChallenge, String nonce);

    /**
     * Redeems Entra's authorization code.
     *
     * @throws EntraException with Entra's error code (for example {@code AADSTS65001}) and a safe description
     */
    EntraTokens redeem(Tenant tenant, String code, String codeVerifier, URI redirectUri, String nonce);
}
