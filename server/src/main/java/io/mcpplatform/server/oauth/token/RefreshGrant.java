package io.mcpplatform.server.oauth.token;

import java.util.Set;
import java.util.UUID;

/**
 * What a refresh-token family stands for: one sign-in of one user through one client.
 *
 * @param familyId        the family (all tokens descended from one authorization code)
 * @param clientId        the client
 * @param subject         the user
 * @param scopes          the scopes granted at sign-in (a refresh may narrow them for its access token)
 * @param upstreamTokenId the stored Entra tokens of the sign-in
 */
public record RefreshGrant(UUID familyId, String clientId, TokenSubject subject, Set<String> scopes,
                           UUID upstreamTokenId) {
    public RefreshGrant {
        scopes = Set.copyOf(scopes);
    }
}
