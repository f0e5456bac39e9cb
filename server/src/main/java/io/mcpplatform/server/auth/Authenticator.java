package io.mcpplatform.server.auth;

import io.helidon.webserver.http.ServerRequest;
import io.mcpplatform.tenants.Tenant;

import java.util.Optional;

/** Who is calling the MCP endpoint of a tenant. */
@FunctionalInterface
public interface Authenticator {
    /**
     * Refuses every request to a tenant with sign-in (there is no way to check a token); tenants without sign-in stay
     * open. The default until a real authenticator is wired.
     */
    Authenticator SIGN_IN_UNAVAILABLE = (tenant, req) -> {
        if (tenant.requiresSignIn()) {
            throw new AuthenticationException(401, "Bearer scope=\"" + BearerAuthenticator.REQUIRED_SCOPE + "\"",
                    "authentication is not available");
        }
        return Optional.empty();
    };

    /**
     * @return the user, or empty for a tenant without sign-in (its endpoint is open)
     * @throws AuthenticationException 401 without a valid token, 403 without the required scope
     */
    Optional<UserContext> authenticate(Tenant tenant, ServerRequest request);
}
