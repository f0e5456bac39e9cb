package io.mcpplatform.server.oauth.authorize;

import io.mcpplatform.server.oauth.clients.OAuthClient;

import java.util.List;
import java.util.Objects;

/**
 * A fully validated {@code /authorize} request.
 *
 * @param client        the client
 * @param target        where answers go (validated redirect URI, state, issuer)
 * @param codeChallenge the client's S256 challenge
 * @param scopes        the requested (or default) scopes, each supported, in request order
 * @param resource      the resource indicator (the tenant's MCP URL)
 */
public record AuthorizationRequest(OAuthClient client,
                                   ClientRedirect target,
                                   String codeChallenge,
                                   List<String> scopes,
                                   String resource) {
    public AuthorizationRequest {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(resource, "resource");
    }
}
