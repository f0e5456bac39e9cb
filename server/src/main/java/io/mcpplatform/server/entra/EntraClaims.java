package io.mcpplatform.server.entra;

import java.time.Instant;
import java.util.Set;

/**
 * What a validated Entra access token says about the caller.
 *
 * @param tid       directory id
 * @param oid       user object id
 * @param name      display name (may be empty)
 * @param username  preferred username / UPN (may be empty)
 * @param scopes    {@code scp} claim, split
 * @param roles     {@code roles} claim (app roles)
 * @param appId     the calling client ({@code azp}/{@code appid})
 * @param expiresAt {@code exp}
 */
public record EntraClaims(String tid, String oid, String name, String username, Set<String> scopes,
                          Set<String> roles, String appId, Instant expiresAt) {

    public EntraClaims {
        scopes = Set.copyOf(scopes);
        roles = Set.copyOf(roles);
    }
}
