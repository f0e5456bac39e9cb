package io.mcpplatform.server.oauth.authorize;

import io.mcpplatform.server.crypto.SecretBox;
import io.mcpplatform.server.crypto.SecretBoxException;
import io.mcpplatform.server.entra.EntraException;
import io.mcpplatform.server.entra.EntraSignIn;
import io.mcpplatform.server.entra.EntraTokens;
import io.mcpplatform.server.entra.UpstreamTokenStore;
import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.oauth.clients.ClientRegistry;
import io.mcpplatform.server.oauth.clients.OpaqueValues;
import io.mcpplatform.server.oauth.consent.ConsentRepository;
import io.mcpplatform.tenants.Tenant;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * {@code GET /t/{tenant}/oauth2/callback}: Entra sends the browser back here. Claims the pending authorization by the
 * hash of Entra's {@code state} (once, unexpired; anything else is an HTML error page and issues nothing), redeems
 * Entra's code with the platform's verifier, stores the Entra tokens, and then either issues the platform code (the
 * user consented to this client and these scopes before) or sends the browser to the consent page.
 */
final class CallbackEndpoint {
    private static final Logger LOG = Logger.getLogger(CallbackEndpoint.class.getName());
    /** Entra errors at its authorize step that mean "the user (or policy) said no". */
    private static final Set<String> DENIALS = Set.of("access_denied", "consent_required", "interaction_required",
            "login_required");
    /** Entra's "the user or administrator has not consented" error. */
    static final String AADSTS_CONSENT_MISSING = "AADSTS65001";

    /** What to do after a successful callback. */
    sealed interface Outcome {
        /** Send the browser to the client (the code or an error). */
        record ToClient(String location) implements Outcome {
        }

        /** Show the consent page; the CSRF token goes into the cookie. */
        record ToConsent(UUID requestId, String csrfToken, Duration cookieMaxAge) implements Outcome {
        }
    }

    private final PendingAuthorizationRepository pending;
    private final AuthorizationCompletion completion;
    private final ClientRegistry clients;
    private final ConsentRepository consents;
    private final EntraSignIn entra;
    private final UpstreamTokenStore upstream;
    private final SecretBox secretBox;
    private final PlatformUrls urls;
    private final SignInAudit audit;
    private final Clock clock;

    CallbackEndpoint(PendingAuthorizationRepository pending, AuthorizationCompletion completion, ClientRegistry clients,
                     ConsentRepository consents, EntraSignIn entra, UpstreamTokenStore upstream, SecretBox secretBox,
                     PlatformUrls urls, SignInAudit audit, Clock clock) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.completion = Objects.requireNonNull(completion, "completion");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.entra = Objects.requireNonNull(entra, "entra");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.secretBox = Objects.requireNonNull(secretBox, "secretBox");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Outcome callback(Tenant tenant, FormParameters q) {
        String state = q.single("state").filter(s -> s.length() <= 512)
                .orElseThrow(AuthorizationPageException::expired);
        PendingAuthorization p = pending.claimCallback(tenant.id(), OpaqueValues.sha256Hex(state), clock.instant())
                .orElseThrow(AuthorizationPageException::expired);
        if (q.contains("error")) {
            String error = q.single("error").orElse("");
            LOG.fine(() -> "tenant " + tenant.slug() + ": Entra answered the sign-in with error " + safe(error));
            Optional<String> entraError = auditCode(error);
            if (DENIALS.contains(error)) {
                throw failed(tenant, p, "access_denied", "the sign-in was cancelled or refused", "entra_error",
                        entraError);
            }
            if (error.equals("temporarily_unavailable")) {
                throw failed(tenant, p, "temporarily_unavailable", "the identity provider is busy", "entra_error",
                        entraError);
            }
            throw failed(tenant, p, "server_error", "the sign-in at the identity provider failed", "entra_error",
                    entraError);
        }
        String code = q.single("code").orElseThrow(() -> failed(tenant, p, "server_error",
                "the identity provider sent no code", "no_code", Optional.empty()));
        EntraTokens tokens = redeem(tenant, p, code);
        if (!tokens.tid().equalsIgnoreCase(tenant.entra().tenantId())) {
            LOG.warning(() -> "tenant " + tenant.slug() + ": sign-in returned a token of another directory");
            throw failed(tenant, p, "access_denied", "the account belongs to another organisation",
                    "other_directory", Optional.empty());
        }
        UUID upstreamId = upstream.save(tenant.id(), tokens);
        SignedInUser user = new SignedInUser(tokens.tid(), tokens.oid(), tokens.name(), tokens.username(), upstreamId);
        if (clients.find(tenant, p.clientId()).isEmpty()) {
            audit.failed(tenant, p.clientId(), "invalid_client", "client_gone", Optional.empty());
            pending.consume(tenant.id(), p.id(), clock.instant(), Optional.empty());
            throw AuthorizationPageException.badRequest("The application is no longer registered with this organisation.");
        }
        audit.completed(tenant, p.clientId(), user.oid());
        if (consents.covers(tenant.id(), user.oid(), p.clientId(), p.scopes())) {
            pending.recordSignIn(tenant.id(), p.id(), user, Optional.empty());
            return new Outcome.ToClient(completion.issue(tenant, p, user, Optional.empty(), () -> {
            }));
        }
        String csrf = OpaqueValues.random();
        pending.recordSignIn(tenant.id(), p.id(), user, Optional.of(OpaqueValues.sha256Hex(csrf)));
        Duration left = Duration.between(clock.instant(), p.expiresAt());
        return new Outcome.ToConsent(p.id(), csrf, left);
    }

    private EntraTokens redeem(Tenant tenant, PendingAuthorization p, String code) {
        String verifier;
        try {
            verifier = new String(secretBox.open(p.sealedVerifier(), PendingAuthorization.verifierAad(tenant.id(), p.id())),
                    StandardCharsets.US_ASCII);
        } catch (SecretBoxException e) {
            LOG.warning(() -> "tenant " + tenant.slug() + ": the PKCE verifier of a pending authorization did not open");
            throw failed(tenant, p, "server_error", "the sign-in could not be completed", "verifier_unreadable",
                    Optional.empty());
        }
        try {
            return entra.redeem(tenant, code, verifier, URI.create(urls.oauth(tenant.slug(), "callback")), p.nonce());
        } catch (EntraException e) {
            LOG.info(() -> "tenant " + tenant.slug() + ": Entra refused the code: " + safe(e.code()) + " "
                    + safe(e.aadsts()));
            Optional<String> entraError = auditCode(e.aadsts().isEmpty() ? e.code() : e.aadsts());
            if (AADSTS_CONSENT_MISSING.equals(e.aadsts())) {
                throw failed(tenant, p, "consent_required", "the organisation has not consented to this application ("
                        + AADSTS_CONSENT_MISSING + ")", "code_refused", entraError);
            }
            if ("temporarily_unavailable".equals(e.code())) {
                throw failed(tenant, p, "temporarily_unavailable", "the identity provider is unavailable",
                        "code_refused", entraError);
            }
            throw failed(tenant, p, "server_error", "the sign-in at the identity provider failed"
                    + (e.aadsts().isEmpty() ? "" : " (" + e.aadsts() + ")"), "code_refused", entraError);
        }
    }

    /** Audits the failed sign-in and consumes the pending authorization; returns the refusal to throw. */
    private AuthorizationRedirectException failed(Tenant tenant, PendingAuthorization p, String error,
                                                  String description, String reason, Optional<String> entraError) {
        audit.failed(tenant, p.clientId(), error, reason, entraError);
        return completion.refusal(tenant, p, error, description);
    }

    /** Entra's error code for the audit log, when it is a short plain code (the query string is attacker-controlled). */
    private static Optional<String> auditCode(String value) {
        String v = safe(value);
        return v.startsWith("(") ? Optional.empty() : Optional.of(v);
    }

    /** Error codes from the query string are attacker-controlled: keep only a short, plain token for logs. */
    private static String safe(String value) {
        String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
        return v.matches("[a-z0-9_]{1,64}") ? v : "(unprintable)";
    }
}
