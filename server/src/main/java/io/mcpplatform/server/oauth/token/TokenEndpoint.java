package io.mcpplatform.server.oauth.token;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.oauth.clients.OAuthClient;
import io.mcpplatform.server.oauth.codes.AuthorizationCodes;
import io.mcpplatform.server.oauth.codes.AuthorizationCodes.Redemption;
import io.mcpplatform.server.oauth.codes.CodeGrant;
import io.mcpplatform.tenants.Tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /t/{tenant}/oauth2/token}: the {@code authorization_code} grant (PKCE S256, code bound to client and
 * redirect URI, RFC 8707 {@code resource}) and the {@code refresh_token} grant (rotation, replay revokes the family,
 * scope may narrow). Every refusal is an {@link OAuthException}; a refusal before redemption changes nothing.
 */
final class TokenEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientAuthenticator clients;
    private final AuthorizationCodes codes;
    private final RefreshTokens refreshTokens;
    private final AccessTokenIssuer issuer;
    private final PlatformUrls urls;
    private final TokenAudit audit;

    TokenEndpoint(ClientAuthenticator clients, AuthorizationCodes codes, RefreshTokens refreshTokens,
                  AccessTokenIssuer issuer, PlatformUrls urls, TokenAudit audit) {
        this.clients = clients;
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.issuer = issuer;
        this.urls = urls;
        this.audit = audit;
    }

    void handle(Tenant tenant, ServerRequest req, ServerResponse res) {
        FormRequest form = FormRequest.read(req);
        String grantType = form.require("grant_type");
        OAuthClient client = clients.authenticate(tenant, req, form);
        form.get("resource").ifPresent(resource -> {
            if (!resource.equals(urls.mcp(tenant.slug()))) {
                throw OAuthErrors.invalidTarget("resource must be " + urls.mcp(tenant.slug()));
            }
        });
        switch (grantType) {
            case "authorization_code" -> authorizationCode(tenant, client, form, res);
            case "refresh_token" -> refresh(tenant, client, form, res);
            default -> throw OAuthErrors.unsupportedGrantType("grant_type must be authorization_code or refresh_token");
        }
    }

    private void authorizationCode(Tenant tenant, OAuthClient client, FormRequest form, ServerResponse res) {
        String code = form.require("code");
        String redirectUri = form.require("redirect_uri");
        String verifier = form.require("code_verifier");
        String challenge = Pkce.s256Challenge(verifier);
        Redemption redemption = codes.redeem(tenant.id(), code, client.clientId(), redirectUri, challenge);
        switch (redemption) {
            case Redemption.Granted granted -> issueForCode(tenant, client, granted.codeId(), granted.grant(), res);
            case Redemption.Replayed replayed -> {
                int revoked = refreshTokens.revokeCodeFamily(tenant.id(), replayed.codeId());
                audit.codeReplayed(tenant, client.clientId(), replayed.codeId(), revoked);
                throw OAuthErrors.invalidGrant("authorization code was already used");
            }
            case Redemption.Mismatch mismatch -> throw OAuthErrors.invalidGrant(switch (mismatch.what()) {
                case "client_id" -> "authorization code was issued to another client";
                case "redirect_uri" -> "redirect_uri does not match the authorization request";
                default -> "code_verifier does not match the code challenge";
            });
            case Redemption.Invalid invalid -> throw OAuthErrors.invalidGrant("authorization code is invalid or expired");
        }
    }

    private void issueForCode(Tenant tenant, OAuthClient client, UUID codeId, CodeGrant grant, ServerResponse res) {
        if (!grant.resource().equals(urls.mcp(tenant.slug()))) {
            throw OAuthErrors.invalidTarget("the code was issued for another resource");
        }
        TokenSubject subject = new TokenSubject(grant.tid(), grant.oid(), grant.name(), grant.username());
        String jti = AccessTokenIssuer.newJti();
        Instant expires = issuer.expiryFromNow();
        RefreshGrant family = new RefreshGrant(UUID.randomUUID(), client.clientId(), subject, grant.scopes(),
                grant.upstreamTokenId());
        String refresh = refreshTokens.startFamily(tenant.id(), codeId, family, jti, expires);
        String access = issuer.issue(tenant, subject, client.clientId(), grant.scopes(), jti, expires);
        audit.codeRedeemed(tenant, client.clientId(), grant.oid(), codeId);
        audit.accessTokenIssued(tenant, client.clientId(), grant.oid(), "authorization_code", grant.scopes(), jti);
        respond(res, access, expires, grant.scopes(), refresh);
    }

    private void refresh(Tenant tenant, OAuthClient client, FormRequest form, ServerResponse res) {
        String token = form.require("refresh_token");
        Set<String> requested = form.get("scope").map(TokenEndpoint::scopes).orElse(Set.of());
        String jti = AccessTokenIssuer.newJti();
        Instant expires = issuer.expiryFromNow();
        switch (refreshTokens.rotate(tenant.id(), token, client.clientId(), requested, jti, expires)) {
            case RefreshTokens.Rotation.Rotated rotated -> {
                Set<String> scopes = requested.isEmpty() ? rotated.grant().scopes() : requested;
                String access = issuer.issue(tenant, rotated.grant().subject(), client.clientId(), scopes, jti, expires);
                String oid = rotated.grant().subject().oid();
                audit.refreshRotated(tenant, client.clientId(), oid, rotated.grant().familyId());
                audit.accessTokenIssued(tenant, client.clientId(), oid, "refresh_token", scopes, jti);
                respond(res, access, expires, scopes, rotated.refreshToken());
            }
            case RefreshTokens.Rotation.Replayed replayed -> {
                audit.refreshReplayed(tenant, client.clientId(), replayed.oid(), replayed.familyId());
                throw OAuthErrors.invalidGrant("refresh token was already used; the sign-in is revoked");
            }
            case RefreshTokens.Rotation.ScopeTooWide wide ->
                    throw OAuthErrors.invalidScope("scope exceeds the scope originally granted");
            case RefreshTokens.Rotation.Invalid invalid ->
                    throw OAuthErrors.invalidGrant("refresh token is invalid, expired or revoked");
        }
    }

    private void respond(ServerResponse res, String access, Instant expires, Set<String> scopes, String refresh) {
        ObjectNode body = JSON.createObjectNode();
        body.put("access_token", access);
        body.put("token_type", "Bearer");
        body.put("expires_in", issuer.secondsUntil(expires));
        body.put("scope", String.join(" ", scopes));
        body.put("refresh_token", refresh);
        OAuthErrors.sendJson(res, 200, body);
    }

    private static Set<String> scopes(String scope) {
        Set<String> set = new LinkedHashSet<>(Arrays.asList(scope.split(" ")));
        set.remove("");
        return set;
    }
}
