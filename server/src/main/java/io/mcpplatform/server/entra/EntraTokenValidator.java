package io.mcpplatform.server.entra;

import io.mcpplatform.tenants.Tenant;

/**
 * Validates an Entra v2 access token that a client presents directly at the MCP endpoint (pre-authorized clients,
 * agents): signature against the tenant's Entra JWKS (cached; an unknown {@code kid} triggers one bounded refetch),
 * issuer {@code https://login.microsoftonline.com/{tid}/v2.0}, audience the tenant's app, {@code tid} equal to the
 * tenant's, {@code ver} 2.0, time claims.
 */
public interface EntraTokenValidator {

    /**
     * @throws InvalidTokenException naming what failed (never echoing the token)
     */
    EntraClaims validate(Tenant tenant, String bearerToken);

    /**
     * Validates a token issued for this app registration (the admin API: the platform's own app, or a tenant's app
     * for tenant administrators). {@link #validate(Tenant, String)} is this with the tenant's app.
     *
     * @throws InvalidTokenException naming what failed (never echoing the token)
     */
    EntraClaims validate(io.mcpplatform.tenants.EntraApp app, String bearerToken);
}
