package io.mcpplatform.server.entra;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The user's Entra tokens after sign-in. They never leave the server: they are stored encrypted and serve as the
 * on-behalf-of assertion. {@link #toString()} never shows a token.
 *
 * @param accessToken  Entra access token for the tenant's app (the OBO assertion)
 * @param refreshToken Entra refresh token (may be empty)
 * @param expiresAt    access token expiry
 * @param scopes       scopes Entra granted
 * @param tid          the user's directory id (from the ID token)
 * @param oid          the user's object id (from the ID token)
 * @param name         display name
 * @param username     preferred username / UPN
 */
public record EntraTokens(String accessToken,
                          String refreshToken,
                          Instant expiresAt,
                          Set<String> scopes,
                          String tid,
                          String oid,
                          String name,
                          String username) {

    public EntraTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        refreshToken = refreshToken == null ? "" : refreshToken;
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(tid, "tid");
        Objects.requireNonNull(oid, "oid");
        name = name == null ? "" : name;
        username = username == null ? "" : username;
    }

    @Override
    public String toString() {
        return "EntraTokens[tid=" + tid + ", oid=" + oid + ", expiresAt=" + expiresAt + ", scopes=" + scopes
                + ", accessToken=****, refreshToken=****]";
    }
}
