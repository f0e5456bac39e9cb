package io.mcpplatform.server.oauth.token;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mcpplatform.server.audit.AuditLog;
import io.mcpplatform.server.auth.BearerAuthenticator;
import io.mcpplatform.server.crypto.SecretBox;
import io.mcpplatform.server.entra.EntraTokenValidator;
import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.oauth.clients.ClientRegistry;
import io.mcpplatform.server.oauth.codes.AuthorizationCodes;
import io.mcpplatform.server.oauth.codes.PostgresAuthorizationCodes;
import io.mcpplatform.server.oauth.keys.SigningKeys;
import io.mcpplatform.server.oauth.metadata.MetadataDocuments;
import io.mcpplatform.server.tenancy.TenantDirectory;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.store.DatabaseDownException;
import io.mcpplatform.tenants.store.Database;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The token side of every tenant's authorization server, assembled: token, revocation, JWKS and metadata routes, and
 * the services other parts need (the {@link AuthorizationCodes} the authorize side issues codes with, the
 * {@link BearerAuthenticator} of the MCP endpoint, the signing keys).
 * <p>
 * Routes (public socket): {@code POST /t/{tenant}/oauth2/token}, {@code POST /t/{tenant}/oauth2/revoke},
 * {@code GET /t/{tenant}/oauth2/jwks}, {@code GET /.well-known/oauth-protected-resource/t/{tenant}/mcp},
 * {@code GET /.well-known/oauth-authorization-server/t/{tenant}}, {@code GET /.well-known/openid-configuration/t/{tenant}},
 * {@code GET /t/{tenant}/.well-known/oauth-authorization-server}, {@code GET /t/{tenant}/.well-known/openid-configuration}.
 * A tenant that is unknown, disabled or without sign-in has none of them (404). Metadata, JWKS, token and revocation
 * answer CORS for any origin without credentials (browser-based MCP clients need it; nothing there rides on cookies).
 */
public final class OAuthBackRoutes {
    private static final Logger LOG = Logger.getLogger(OAuthBackRoutes.class.getName());

    private final TenantDirectory tenants;
    private final SigningKeys keys;
    private final PostgresAuthorizationCodes codes;
    private final RevokedAccessTokens revoked;
    private final RefreshTokens refreshTokens;
    private final AccessTokenIssuer issuer;
    private final PlatformTokenVerifier verifier;
    private final MetadataDocuments metadata;
    private final TokenEndpoint token;
    private final RevocationEndpoint revocation;
    private final PlatformUrls urls;

    /**
     * @param tenants  the tenant directory
     * @param database the database (application role)
     * @param box      seals signing keys
     * @param clients  the tenants' OAuth clients
     * @param urls     the public URLs
     * @param settings token lifetimes ({@link TokenSettings#create(io.helidon.config.Config)} of {@code platform.oauth})
     * @param audit    where token events (codes, tokens issued, rotations, replays, revocations) are recorded
     * @param clock    every expiry rule's clock
     */
    public OAuthBackRoutes(TenantDirectory tenants, Database database, SecretBox box, ClientRegistry clients,
                           PlatformUrls urls, TokenSettings settings, AuditLog audit, Clock clock) {
        this.tenants = tenants;
        this.urls = urls;
        this.keys = new SigningKeys(database, box, settings, clock);
        this.codes = new PostgresAuthorizationCodes(database, clock);
        this.revoked = new RevokedAccessTokens(database, settings, clock);
        this.refreshTokens = new RefreshTokens(database, revoked, settings, clock);
        this.issuer = new AccessTokenIssuer(keys, urls, settings, clock);
        this.verifier = new PlatformTokenVerifier(keys, urls, revoked, settings, clock);
        this.metadata = new MetadataDocuments(urls);
        ClientAuthenticator clientAuth = new ClientAuthenticator(clients, urls);
        TokenAudit tokenAudit = new TokenAudit(audit);
        this.token = new TokenEndpoint(clientAuth, codes, refreshTokens, issuer, urls, tokenAudit);
        this.revocation = new RevocationEndpoint(clientAuth, refreshTokens, verifier, revoked, tokenAudit);
    }

    /** Registers every route. */
    public void routing(HttpRouting.Builder routing) {
        routing.route(Method.POST, "/t/{tenant}/oauth2/token", oauth(token::handle))
                .route(Method.POST, "/t/{tenant}/oauth2/revoke", oauth(revocation::handle))
                .route(Method.GET, "/t/{tenant}/oauth2/jwks", json(t -> keys.jwks(t.id()), "public, max-age=300"))
                .route(Method.GET, "/.well-known/oauth-protected-resource/t/{tenant}/mcp",
                        json(t -> metadata.protectedResource(t).toString(), "public, max-age=3600"));
        for (String path : new String[]{"/.well-known/oauth-authorization-server/t/{tenant}",
                "/.well-known/openid-configuration/t/{tenant}", "/t/{tenant}/.well-known/oauth-authorization-server",
                "/t/{tenant}/.well-known/openid-configuration"}) {
            routing.route(Method.GET, path, json(t -> metadata.authorizationServer(t).toString(), "public, max-age=3600"));
            routing.route(Method.OPTIONS, path, OAuthBackRoutes::preflight);
        }
        for (String path : new String[]{"/t/{tenant}/oauth2/token", "/t/{tenant}/oauth2/revoke",
                "/t/{tenant}/oauth2/jwks", "/.well-known/oauth-protected-resource/t/{tenant}/mcp"}) {
            routing.route(Method.OPTIONS, path, OAuthBackRoutes::preflight);
        }
    }

    /**
     * Deletes what can no longer be used: refresh-token families past their absolute expiry, revoked access tokens
     * past their expiry, and authorization codes a day after they expired (kept that long so that a late replay is
     * still recognised as one and revokes what the code produced). Returns how many rows went.
     */
    public int purgeExpired(java.time.Instant now) {
        return codes.purgeExpired(now.minus(java.time.Duration.ofDays(1))) + refreshTokens.purgeExpired()
                + revoked.purgeExpired();
    }

    /** The codes the authorize side issues and the token endpoint redeems. */
    public AuthorizationCodes authorizationCodes() {
        return codes;
    }

    /** The signing keys (rotation, JWKS). */
    public SigningKeys signingKeys() {
        return keys;
    }

    /** Signs platform access tokens (tests and benchmarks). */
    public AccessTokenIssuer accessTokenIssuer() {
        return issuer;
    }

    /** Verifies platform access tokens (benchmark hook: cost per request with cached keys). */
    public PlatformTokenVerifier accessTokenVerifier() {
        return verifier;
    }

    /** Refresh-token families. */
    public RefreshTokens refreshTokens() {
        return refreshTokens;
    }

    /** The MCP endpoint's authenticator: platform tokens, and Entra tokens when a validator is given. */
    public BearerAuthenticator bearerAuthenticator(Optional<EntraTokenValidator> entra) {
        return new BearerAuthenticator(verifier, entra, urls);
    }

    private Handler oauth(TenantHandler handler) {
        return (req, res) -> {
            cors(res);
            try {
                Tenant tenant = signInTenant(req).orElseThrow(OAuthErrors::notFound);
                handler.handle(tenant, req, res);
            } catch (OAuthException e) {
                if (!res.isSent()) {
                    OAuthErrors.send(res, e);
                }
            } catch (DatabaseDownException e) {
                LOG.log(Level.WARNING, "OAuth request refused: " + e.getMessage());
                if (!res.isSent()) {
                    OAuthErrors.send(res, OAuthErrors.temporarilyUnavailable(DatabaseDownException.RETRY_AFTER_SECONDS));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "OAuth request failed: " + e.getClass().getSimpleName(), e);
                if (!res.isSent()) {
                    OAuthErrors.send(res, OAuthErrors.serverError());
                }
            }
        };
    }

    private Handler json(Function<Tenant, String> body, String cacheControl) {
        return (req, res) -> {
            cors(res);
            Optional<Tenant> tenant = signInTenant(req);
            if (tenant.isEmpty()) {
                res.status(Status.NOT_FOUND_404);
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.send("{\"error\":\"not_found\"}");
                return;
            }
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.header(HeaderNames.CACHE_CONTROL, cacheControl);
            res.send(body.apply(tenant.get()).getBytes(StandardCharsets.UTF_8));
        };
    }

    private Optional<Tenant> signInTenant(ServerRequest req) {
        return tenants.findActive(req.path().pathParameters().get("tenant")).filter(Tenant::requiresSignIn);
    }

    private static void cors(ServerResponse res) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    }

    private static void preflight(ServerRequest req, ServerResponse res) {
        cors(res);
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, MCP-Protocol-Version");
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    @FunctionalInterface
    private interface TenantHandler {
        void handle(Tenant tenant, ServerRequest req, ServerResponse res);
    }
}
