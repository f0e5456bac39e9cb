package io.mcpplatform.server.oauth.authorize;

import io.mcpplatform.server.crypto.SecretBox;
import io.mcpplatform.server.entra.EntraSignIn;
import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.oauth.clients.OAuthClientRepository;
import io.mcpplatform.server.oauth.clients.OpaqueValues;
import io.mcpplatform.tenants.Tenant;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /t/{tenant}/oauth2/authorize}: validates the request, stores it as a pending authorization with the
 * platform's own PKCE verifier (sealed), Entra state (hashed) and nonce, and returns Entra's authorization URL for the
 * tenant's app. The client's {@code resource} is not forwarded to Entra.
 */
final class AuthorizeEndpoint {
    private final AuthorizationRequestValidator validator;
    private final PendingAuthorizationRepository pending;
    private final OAuthClientRepository clientRows;
    private final EntraSignIn entra;
    private final SecretBox secretBox;
    private final PlatformUrls urls;
    private final OAuthFrontSettings settings;
    private final Clock clock;

    AuthorizeEndpoint(AuthorizationRequestValidator validator, PendingAuthorizationRepository pending,
                      OAuthClientRepository clientRows, EntraSignIn entra, SecretBox secretBox, PlatformUrls urls,
                      OAuthFrontSettings settings, Clock clock) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.clientRows = Objects.requireNonNull(clientRows, "clientRows");
        this.entra = Objects.requireNonNull(entra, "entra");
        this.secretBox = Objects.requireNonNull(secretBox, "secretBox");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return where to send the browser: Entra's authorization URL */
    URI authorize(Tenant tenant, FormParameters query) {
        AuthorizationRequest request = validator.validate(tenant, query);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        String verifier = OpaqueValues.random();
        String entraState = OpaqueValues.random();
        String nonce = OpaqueValues.random();
        byte[] sealed = secretBox.seal(verifier.getBytes(StandardCharsets.US_ASCII),
                PendingAuthorization.verifierAad(tenant.id(), id));
        PendingAuthorization p = new PendingAuthorization(id, tenant.id(), request.client().clientId(),
                request.target().redirectUri(), request.codeChallenge(), request.scopes(), request.resource(),
                request.target().state(), sealed, nonce, now, now.plus(settings.requestTtl()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        pending.insert(p, OpaqueValues.sha256Hex(entraState));
        if (request.client().type() != io.mcpplatform.server.oauth.clients.OAuthClient.RegistrationType.METADATA_DOCUMENT) {
            clientRows.touch(tenant.id(), request.client().clientId(), now);
        }
        return entra.authorizationUrl(tenant, URI.create(urls.oauth(tenant.slug(), "callback")), entraState,
                OpaqueValues.s256(verifier), nonce);
    }
}
