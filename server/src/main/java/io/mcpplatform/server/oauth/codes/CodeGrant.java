package io.mcpplatform.server.oauth.codes;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a platform authorization code stands for: issued after sign-in and consent, redeemed once at {@code /token}.
 *
 * @param tenantId        the tenant
 * @param clientId        the client it was issued to
 * @param redirectUri     the exact redirect URI of the authorization request
 * @param codeChallenge   the client's PKCE S256 challenge
 * @param scopes          the granted scopes
 * @param resource        the resource indicator (the tenant's MCP URL)
 * @param tid             the user's Entra directory id
 * @param oid             the user's Entra object id
 * @param name            display name
 * @param username        preferred username / UPN
 * @param upstreamTokenId the stored (encrypted) Entra tokens of this sign-in, for on-behalf-of
 * @param expiresAt       at most 60 s after issue
 */
public record CodeGrant(UUID tenantId,
                        String clientId,
                        String redirectUri,
                        String codeChallenge,
                        Set<String> scopes,
                        String resource,
                        String tid,
                        String oid,
                        String name,
                        String username,
                        UUID upstreamTokenId,
                        Instant expiresAt) {

    public CodeGrant {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(tid, "tid");
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
