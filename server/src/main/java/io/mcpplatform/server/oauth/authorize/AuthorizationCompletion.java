package io.mcpplatform.server.oauth.authorize;

import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.oauth.codes.AuthorizationCodes;
import io.mcpplatform.server.oauth.codes.CodeGrant;
import io.mcpplatform.tenants.Tenant;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The end of a sign-in: uses the pending authorization up (exactly once) and either issues the platform
 * authorization code or answers a refusal, both as a redirect to the client.
 */
final class AuthorizationCompletion {
    private final PendingAuthorizationRepository pending;
    private final AuthorizationCodes codes;
    private final PlatformUrls urls;
    private final OAuthFrontSettings settings;
    private final SignInAudit audit;
    private final Clock clock;

    AuthorizationCompletion(PendingAuthorizationRepository pending, AuthorizationCodes codes, PlatformUrls urls,
                            OAuthFrontSettings settings, SignInAudit audit, Clock clock) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Consumes the pending authorization, then runs {@code beforeIssue} (e.g. remembering consent), issues the code
     * and returns the client redirect that carries it.
     *
     * @param csrfHash when present, the stored CSRF hash must equal it
     * @throws AuthorizationPageException when it was consumed already or expired
     */
    String issue(Tenant tenant, PendingAuthorization p, SignedInUser user, Optional<String> csrfHash,
                 Runnable beforeIssue) {
        consumeOrFail(tenant, p, csrfHash);
        beforeIssue.run();
        Instant now = clock.instant();
        String code = codes.issue(new CodeGrant(tenant.id(), p.clientId(), p.redirectUri(), p.codeChallenge(),
                java.util.Set.copyOf(p.scopes()), p.resource(), user.tid(), user.oid(), user.name(), user.username(),
                user.upstreamTokenId(), now.plus(settings.codeTtl())));
        audit.codeIssued(tenant, p.clientId(), user.oid(), p.scopes());
        return p.redirect(urls.issuer(tenant.slug())).success(code);
    }

    /** Consumes the pending authorization and returns the redirect carrying an error. */
    String refuse(Tenant tenant, PendingAuthorization p, Optional<String> csrfHash, String error, String description) {
        consumeOrFail(tenant, p, csrfHash);
        return p.redirect(urls.issuer(tenant.slug())).error(error, description);
    }

    /** A refusal for a pending authorization already consumed by the caller's own claim (callback errors). */
    AuthorizationRedirectException refusal(Tenant tenant, PendingAuthorization p, String error, String description) {
        pending.consume(tenant.id(), p.id(), clock.instant(), Optional.empty());
        return new AuthorizationRedirectException(p.redirect(urls.issuer(tenant.slug())), error, description);
    }

    private void consumeOrFail(Tenant tenant, PendingAuthorization p, Optional<String> csrfHash) {
        if (!pending.consume(tenant.id(), p.id(), clock.instant(), csrfHash)) {
            throw AuthorizationPageException.expired();
        }
    }
}
