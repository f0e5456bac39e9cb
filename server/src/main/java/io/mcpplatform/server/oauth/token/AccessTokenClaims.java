package io.mcpplatform.server.oauth.token;

import java.time.Instant;
import java.util.Set;

/**
 * What a verified platform access token says.
 *
 * @param tid       the user's Entra directory id
 * @param oid       the user's Entra object id ({@code sub})
 * @param name      display name (may be empty)
 * @param username  preferred username (may be empty)
 * @param clientId  the client the token was issued to
 * @param scopes    granted scopes
 * @param jti       token id
 * @param expiresAt {@code exp}
 */
public record AccessTokenClaims(String tid, String oid, String name, String username, String clientId,
                                Set<String> scopes, String jti, Instant expiresAt) {
    public AccessTokenClaims {
        scopes = Set.copyOf(scopes);
    }
}
