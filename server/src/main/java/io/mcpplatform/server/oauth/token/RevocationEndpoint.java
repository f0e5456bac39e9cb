package io.mcpplatform.server.oauth.token;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mcpplatform.server.entra.InvalidTokenException;
import io.mcpplatform.server.oauth.clients.OAuthClient;
import io.mcpplatform.tenants.Tenant;

import java.util.Optional;

/**
 * {@code POST /t/{tenant}/oauth2/revoke} (RFC 7009), with client authentication as at {@code /token}. A refresh token
 * revokes its whole family (and the access tokens issued with it); an access token (one of ours, for this tenant and
 * this client, not expired) goes on the deny list until it expires. Unknown, invalid, expired and other clients' tokens
 * get the same 200 and change nothing. Every use by an authenticated client is audited ({@code oauth.token.revoked},
 * with the token's id and user when it was recognised).
 */
final class RevocationEndpoint {
    private final ClientAuthenticator clients;
    private final RefreshTokens refreshTokens;
    private final PlatformTokenVerifier verifier;
    private final RevokedAccessTokens revoked;
    private final TokenAudit audit;

    RevocationEndpoint(ClientAuthenticator clients, RefreshTokens refreshTokens, PlatformTokenVerifier verifier,
                       RevokedAccessTokens revoked, TokenAudit audit) {
        this.clients = clients;
        this.refreshTokens = refreshTokens;
        this.verifier = verifier;
        this.revoked = revoked;
        this.audit = audit;
    }

    void handle(Tenant tenant, ServerRequest req, ServerResponse res) {
        FormRequest form = FormRequest.read(req);
        String token = form.require("token");
        OAuthClient client = clients.authenticate(tenant, req, form);
        form.get("token_type_hint").ifPresent(hint -> {
            if (!hint.equals("access_token") && !hint.equals("refresh_token")) {
                throw OAuthErrors.unsupportedTokenType("token_type_hint must be access_token or refresh_token");
            }
        });
        if (token.indexOf('.') >= 0) {
            audit.revoked(tenant, client.clientId(), "access_token", revokeAccessToken(tenant, client, token));
        } else {
            audit.revoked(tenant, client.clientId(), "refresh_token", refreshTokens.revokeByToken(tenant.id(), token,
                            client.clientId())
                    .map(f -> new RevocationOutcome(f.wasLive(), Optional.of(f.oid()), Optional.empty(),
                            Optional.of(f.familyId())))
                    .orElse(RevocationOutcome.NOTHING));
        }
        res.status(Status.OK_200);
        res.header(io.helidon.http.HeaderNames.CACHE_CONTROL, "no-store");
        res.header(io.helidon.http.HeaderNames.PRAGMA, "no-cache");
        res.send();
    }

    private RevocationOutcome revokeAccessToken(Tenant tenant, OAuthClient client, String token) {
        try {
            AccessTokenClaims claims = verifier.verify(tenant, token);
            if (claims.clientId().equals(client.clientId())) {
                revoked.revoke(tenant.id(), claims.jti(), claims.expiresAt());
                return new RevocationOutcome(true, Optional.of(claims.oid()), Optional.of(claims.jti()),
                        Optional.empty());
            }
        } catch (InvalidTokenException e) {
            // RFC 7009 section 2.2: invalid tokens do not cause an error
        }
        return RevocationOutcome.NOTHING;
    }
}
