package io.mcpplatform.server.oauth.token;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mcpplatform.server.entra.InvalidTokenException;
import io.mcpplatform.server.oauth.clients.OAuthClient;
import io.mcpplatform.tenants.Tenant;

/**
 * {@code POST /t/{tenant}/oauth2/revoke} (RFC 7009), with client authentication as at {@code /token}. A refresh token
 * revokes its whole family (and the access tokens issued with it); an access token (one of ours, for this tenant and
 * this client, not expired) goes on the deny list until it expires. Unknown, invalid, expired and other clients' tokens
 * get the same 200 and change nothing.
 */
final class RevocationEndpoint {
    private final ClientAuthenticator clients;
    private final RefreshTokens refreshTokens;
    private final PlatformTokenVerifier verifier;
    private final RevokedAccessTokens revoked;

    RevocationEndpoint(ClientAuthenticator clients, RefreshTokens refreshTokens, PlatformTokenVerifier verifier,
                       RevokedAccessTokens revoked) {
        this.clients = clients;
        this.refreshTokens = refreshTokens;
        this.verifier = verifier;
        this.revoked = revoked;
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
            revokeAccessToken(tenant, client, token);
        } else {
            refreshTokens.revokeByToken(tenant.id(), token, client.clientId());
        }
        res.status(Status.OK_200);
        res.header(io.helidon.http.HeaderNames.CACHE_CONTROL, "no-store");
        res.header(io.helidon.http.HeaderNames.PRAGMA, "no-cache");
        res.send();
    }

    private void revokeAccessToken(Tenant tenant, OAuthClient client, String token) {
        try {
            AccessTokenClaims claims = verifier.verify(tenant, token);
            if (claims.clientId().equals(client.clientId())) {
                revoked.revoke(tenant.id(), claims.jti(), claims.expiresAt());
            }
        } catch (InvalidTokenException e) {
            // RFC 7009 section 2.2: invalid tokens do not cause an error
        }
    }
}
