package io.mcpplatform.server.oauth.authorize;

import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.oauth.clients.ClientRegistry;
import io.mcpplatform.server.oauth.clients.OAuthClient;
import io.mcpplatform.server.oauth.clients.OpaqueValues;
import io.mcpplatform.server.oauth.clients.RedirectUris;
import io.mcpplatform.server.oauth.consent.ConsentPage;
import io.mcpplatform.server.oauth.consent.ConsentRepository;
import io.mcpplatform.server.oauth.consent.ConsentView;
import io.mcpplatform.tenants.Tenant;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET}/{@code POST /t/{tenant}/oauth2/consent}. The page is shown only to the browser that holds the pending
 * authorization's CSRF cookie; a decision needs that cookie and the form's hidden token, equal and matching the
 * stored hash. Approve remembers the consent and issues the code; deny answers {@code access_denied}. Either way the
 * pending authorization is consumed exactly once.
 */
final class ConsentEndpoint {
    /** What a consent request brings: the pending authorization id and the two copies of the CSRF token. */
    record Submission(String requestId, Optional<String> formToken, Optional<String> cookieToken, String decision) {
    }

    private final PendingAuthorizationRepository pending;
    private final AuthorizationCompletion completion;
    private final ClientRegistry clients;
    private final ConsentRepository consents;
    private final PlatformUrls urls;
    private final SignInAudit audit;
    private final Clock clock;

    ConsentEndpoint(PendingAuthorizationRepository pending, AuthorizationCompletion completion, ClientRegistry clients,
                    ConsentRepository consents, PlatformUrls urls, SignInAudit audit, Clock clock) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.completion = Objects.requireNonNull(completion, "completion");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The request id of a query or form value, or a 400 page. */
    static UUID requestId(Optional<String> raw) {
        try {
            return UUID.fromString(raw.filter(r -> r.length() == 36).orElseThrow(AuthorizationPageException::expired));
        } catch (IllegalArgumentException e) {
            throw AuthorizationPageException.expired();
        }
    }

    /** The consent page and the origin its form leads to (the client's redirect URI). */
    record Shown(String html, String redirectOrigin) {
    }

    /** Renders the consent page for the browser holding the cookie. */
    Shown show(Tenant tenant, UUID id, Optional<String> cookieToken) {
        PendingAuthorization p = awaitingConsent(tenant, id);
        String token = cookieToken.orElseThrow(() -> AuthorizationPageException.forbidden(
                "Open this page in the browser you signed in with (the consent cookie is missing)."));
        requireStoredHash(p, token);
        OAuthClient client = clients.find(tenant, p.clientId()).orElseThrow(() ->
                AuthorizationPageException.badRequest("The application is no longer registered with this organisation."));
        SignedInUser user = p.user().orElseThrow();
        URI redirect = URI.create(p.redirectUri());
        String redirectOrigin = redirect.getScheme() + "://" + redirect.getRawAuthority();
        return new Shown(ConsentPage.render(new ConsentView(tenant.displayName(), user.name(), user.username(),
                client.name(), client.type() != OAuthClient.RegistrationType.DYNAMIC, client.clientId(),
                RedirectUris.displayHost(p.redirectUri()), p.scopes(),
                URI.create(urls.oauth(tenant.slug(), "consent")).getRawPath(), p.id().toString(), token)),
                redirectOrigin);
    }

    /** Applies the decision; returns where to send the browser. */
    String decide(Tenant tenant, UUID id, Submission s) {
        if (s.formToken().isEmpty() || s.cookieToken().isEmpty()) {
            throw AuthorizationPageException.badRequest("The consent form is incomplete (missing CSRF token or cookie).");
        }
        if (!OpaqueValues.constantTimeEquals(s.formToken().get(), s.cookieToken().get())) {
            throw AuthorizationPageException.forbidden("The consent form does not match this browser.");
        }
        PendingAuthorization p = awaitingConsent(tenant, id);
        String hash = requireStoredHash(p, s.formToken().get());
        SignedInUser user = p.user().orElseThrow();
        return switch (s.decision()) {
            case "approve" -> completion.issue(tenant, p, user, Optional.of(hash), () -> {
                consents.grant(tenant.id(), user.oid(), p.clientId(), p.scopes(), clock.instant());
                audit.consentGranted(tenant, p.clientId(), user.oid(), p.scopes());
            });
            case "deny" -> {
                String location = completion.refuse(tenant, p, Optional.of(hash), "access_denied",
                        "the user denied the request");
                audit.consentDenied(tenant, p.clientId(), user.oid(), p.scopes());
                yield location;
            }
            default -> throw AuthorizationPageException.badRequest("The consent form carries no valid decision.");
        };
    }

    private PendingAuthorization awaitingConsent(Tenant tenant, UUID id) {
        return pending.find(tenant.id(), id)
                .filter(p -> p.user().isPresent() && p.csrfHash().isPresent() && p.consumedAt().isEmpty()
                        && p.expiresAt().isAfter(clock.instant()))
                .orElseThrow(AuthorizationPageException::expired);
    }

    private static String requireStoredHash(PendingAuthorization p, String token) {
        String hash = OpaqueValues.sha256Hex(token);
        if (!OpaqueValues.constantTimeEquals(hash, p.csrfHash().orElse(""))) {
            throw AuthorizationPageException.forbidden("The consent form does not match this sign-in.");
        }
        return hash;
    }
}
