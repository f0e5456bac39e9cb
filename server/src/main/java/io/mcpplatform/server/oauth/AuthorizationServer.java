package io.mcpplatform.server.oauth;

import io.helidon.webserver.http.HttpRouting;
import io.mcpplatform.server.audit.AuditLog;
import io.mcpplatform.server.auth.Authenticator;
import io.mcpplatform.server.crypto.SecretBox;
import io.mcpplatform.server.entra.EntraConnection;
import io.mcpplatform.server.entra.UpstreamTokenStore;
import io.mcpplatform.server.entra.signin.MsalEntraSignIn;
import io.mcpplatform.server.entra.store.PostgresUpstreamTokenStore;
import io.mcpplatform.server.entra.validation.JwksEntraTokenValidator;
import io.mcpplatform.server.oauth.authorize.OAuthFrontRoutes;
import io.mcpplatform.server.oauth.authorize.OAuthFrontSettings;
import io.mcpplatform.server.oauth.authorize.PendingAuthorizationRepository;
import io.mcpplatform.server.oauth.clients.ClientMetadataDocuments;
import io.mcpplatform.server.oauth.clients.DatabaseClientRegistry;
import io.mcpplatform.server.oauth.clients.OAuthClientRepository;
import io.mcpplatform.server.oauth.consent.ConsentRepository;
import io.mcpplatform.server.oauth.token.OAuthBackRoutes;
import io.mcpplatform.server.oauth.token.TokenSettings;
import io.mcpplatform.server.tenancy.TenantDirectory;
import io.mcpplatform.tenants.store.Database;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The per-tenant authorization server assembled: clients and registration, authorize/consent/callback in front of
 * Entra, codes, tokens, keys and metadata, and the authenticator the MCP endpoint uses.
 */
public final class AuthorizationServer implements AutoCloseable {
    /** JPA entities its repositories need registered with the database. */
    public static final List<Class<?>> ENTITIES = OAuthFrontRoutes.ENTITIES;

    private final OAuthFrontRoutes front;
    private final OAuthBackRoutes back;
    private final Authenticator authenticator;
    private final UpstreamTokenStore upstreamTokens;
    private final ConsentRepository consents;
    private final OAuthClientRepository clientRows;
    private final JwksEntraTokenValidator entraValidator;
    private final Clock clock;
    private final java.util.concurrent.ScheduledExecutorService housekeeping =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("oauth-housekeeping").factory());

    /**
     * @param tenants   the tenant directory
     * @param database  the database (application role)
     * @param box       seals secrets at rest
     * @param urls      the public URLs
     * @param documents client-ID metadata documents (the SSRF-safe fetcher in production)
     * @param entra     how Entra is reached
     * @param tokens    token lifetimes ({@code platform.oauth})
     * @param front     authorization limits ({@code platform.oauth})
     * @param audit     the audit log
     * @param clock     every expiry rule's clock
     * @param credentials turns tenants' credential references into msal4j credentials
     */
    public AuthorizationServer(TenantDirectory tenants, Database database, SecretBox box, PlatformUrls urls,
                               ClientMetadataDocuments documents, EntraConnection entra, TokenSettings tokens,
                               OAuthFrontSettings front, AuditLog audit, Clock clock,
                               io.mcpplatform.server.entra.signin.CredentialResolver credentials) {
        OAuthClientRepository clientRows = new OAuthClientRepository(database);
        DatabaseClientRegistry clients = new DatabaseClientRegistry(clientRows, documents, front.registration());
        this.back = new OAuthBackRoutes(tenants, database, box, clients, urls, tokens, audit, clock);
        this.upstreamTokens = new PostgresUpstreamTokenStore(database, box, clock);
        this.consents = new ConsentRepository(database);
        this.clientRows = clientRows;
        this.entraValidator = new JwksEntraTokenValidator(entra, clock);
        this.front = new OAuthFrontRoutes(tenants, urls, clients, new MsalEntraSignIn(entra, credentials),
                upstreamTokens, back.authorizationCodes(), box, clientRows,
                new PendingAuthorizationRepository(database), consents, audit, clock, front);
        this.authenticator = back.bearerAuthenticator(Optional.of(entraValidator));
        this.clock = clock;
    }

    /** Purges expired codes, refresh tokens and revocations every {@code interval} (each instance; idempotent). */
    public void startHousekeeping(java.time.Duration interval) {
        housekeeping.scheduleWithFixedDelay(this::purgeQuietly, interval.toMillis(), interval.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void purgeQuietly() {
        try {
            back.purgeExpired(clock.instant());
        } catch (RuntimeException e) {
            System.getLogger(AuthorizationServer.class.getName()).log(System.Logger.Level.WARNING,
                    "purging expired OAuth rows failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
    }

    /** Registers every OAuth and metadata route on the public socket. */
    public void routing(HttpRouting.Builder routing) {
        front.routing(routing);
        back.routing(routing);
    }

    /** Authenticates bearer tokens at the MCP endpoint. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** The users' sealed Entra tokens (the on-behalf-of assertions). */
    public UpstreamTokenStore upstreamTokens() {
        return upstreamTokens;
    }

    /** The token side (keys, issuer, verifier), for operations and benchmarks. */
    public OAuthBackRoutes tokens() {
        return back;
    }

    /** Remembered consents (the admin API revokes them). */
    public ConsentRepository consents() {
        return consents;
    }

    /** Registered clients (the admin API lists and revokes them). */
    public OAuthClientRepository clients() {
        return clientRows;
    }

    /** Validates Entra tokens (the admin API reuses it for operator and tenant-admin tokens). */
    public JwksEntraTokenValidator entraValidator() {
        return entraValidator;
    }
}
