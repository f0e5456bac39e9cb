package io.mcpplatform.server.oauth.authorize;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mcpplatform.server.audit.AuditLog;
import io.mcpplatform.server.crypto.SecretBox;
import io.mcpplatform.server.entra.EntraSignIn;
import io.mcpplatform.server.entra.UpstreamTokenStore;
import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.oauth.clients.ClientRegistration;
import io.mcpplatform.server.oauth.clients.ClientRegistry;
import io.mcpplatform.server.oauth.clients.OAuthClientRepository;
import io.mcpplatform.server.oauth.clients.RegistrationEndpoint;
import io.mcpplatform.server.oauth.codes.AuthorizationCodes;
import io.mcpplatform.server.oauth.consent.ConsentRepository;
import io.mcpplatform.server.oauth.consent.CsrfCookie;
import io.mcpplatform.server.oauth.consent.Html;
import io.mcpplatform.server.tenancy.TenantDirectory;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.store.DatabaseDownException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The authorization front of every tenant's OAuth server, and the one place where its refusals become responses:
 * <ul>
 *     <li>{@code POST /t/{tenant}/oauth2/register} — RFC 7591 (JSON errors, see {@link RegistrationEndpoint})</li>
 *     <li>{@code GET /t/{tenant}/oauth2/authorize} — 302 to Entra</li>
 *     <li>{@code GET /t/{tenant}/oauth2/callback} — 302 to the client, or 303 to the consent page</li>
 *     <li>{@code GET /t/{tenant}/oauth2/consent} — the consent page; {@code POST} — 303 to the client</li>
 * </ul>
 * {@link AuthorizationPageException} becomes an HTML error page (never a redirect),
 * {@link AuthorizationRedirectException} a redirect to the validated client redirect URI with {@code error},
 * {@code state} and {@code iss}. Unknown or disabled tenants, and tenants without an Entra app (no authorization
 * server), get 404. Every answer carries {@code Cache-Control: no-store} and the page security headers.
 * <p>
 * Use: {@code new OAuthFrontRoutes(...).routing(publicRouting)}; register {@link #ENTITIES} with the database.
 */
public final class OAuthFrontRoutes {
    /** Path prefix of a tenant's OAuth endpoints. */
    public static final String PREFIX = "/t/{tenant}/oauth2/";
    /** Entity classes the repositories of this front need registered with {@code Database.create}. */
    public static final List<Class<?>> ENTITIES;
    /** Largest consent form body. */
    static final int MAX_FORM_BYTES = 8 * 1024;
    private static final Logger LOG = Logger.getLogger(OAuthFrontRoutes.class.getName());

    static {
        List<Class<?>> all = new ArrayList<>(OAuthClientRepository.ENTITIES);
        all.addAll(PendingAuthorizationRepository.ENTITIES);
        ENTITIES = List.copyOf(all);
    }

    private final TenantDirectory tenants;
    private final PlatformUrls urls;
    private final RegistrationEndpoint registration;
    private final AuthorizeEndpoint authorize;
    private final CallbackEndpoint callback;
    private final ConsentEndpoint consent;
    private final CsrfCookie csrfCookie;
    private final String origin;

    /**
     * @param tenants      the tenant directory
     * @param urls         the public URLs (issuer, callback, MCP URL = resource)
     * @param clients      client look-up (registered clients and metadata documents)
     * @param entra        sign-in at the tenant's Entra app
     * @param upstream     where the user's Entra tokens are stored (encrypted)
     * @param codes        platform authorization codes
     * @param secretBox    seals the platform's PKCE verifier
     * @param clientRows   the {@code oauth_clients} table (registration, last use)
     * @param pending      the {@code pending_authorizations} table
     * @param consents     the {@code consents} table
     * @param audit        where sign-ins, consents and issued codes are recorded
     * @param clock        time of every expiry rule
     * @param settings     limits and lifetimes
     */
    public OAuthFrontRoutes(TenantDirectory tenants, PlatformUrls urls, ClientRegistry clients, EntraSignIn entra,
                            UpstreamTokenStore upstream, AuthorizationCodes codes, SecretBox secretBox,
                            OAuthClientRepository clientRows, PendingAuthorizationRepository pending,
                            ConsentRepository consents, AuditLog audit, Clock clock, OAuthFrontSettings settings) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.registration = new RegistrationEndpoint(tenants,
                new ClientRegistration(clientRows, settings.registration(), settings.supportedScopes(), clock));
        SignInAudit signInAudit = new SignInAudit(audit);
        AuthorizationCompletion completion = new AuthorizationCompletion(pending, codes, urls, settings, signInAudit,
                clock);
        this.authorize = new AuthorizeEndpoint(new AuthorizationRequestValidator(clients, urls, settings), pending,
                clientRows, entra, secretBox, urls, settings, clock);
        this.callback = new CallbackEndpoint(pending, completion, clients, consents, entra, upstream, secretBox, urls,
                signInAudit, clock);
        this.consent = new ConsentEndpoint(pending, completion, clients, consents, urls, signInAudit, clock);
        this.csrfCookie = new CsrfCookie(urls.base().startsWith("https://"));
        URI base = URI.create(urls.base());
        this.origin = base.getScheme() + "://" + base.getRawAuthority();
    }

    /** Registers the routes. */
    public void routing(HttpRouting.Builder routing) {
        routing.route(Method.POST, PREFIX + "register", registration::handle)
                .any(PREFIX + "register", (req, res) -> methodNotAllowed(res, "POST"))
                .route(Method.GET, PREFIX + "authorize", (req, res) -> guard(req, res, this::authorize))
                .any(PREFIX + "authorize", (req, res) -> methodNotAllowed(res, "GET"))
                .route(Method.GET, PREFIX + "callback", (req, res) -> guard(req, res, this::callback))
                .any(PREFIX + "callback", (req, res) -> methodNotAllowed(res, "GET"))
                .route(Method.GET, PREFIX + "consent", (req, res) -> guard(req, res, this::showConsent))
                .route(Method.POST, PREFIX + "consent", (req, res) -> guard(req, res, this::decideConsent))
                .any(PREFIX + "consent", (req, res) -> methodNotAllowed(res, "GET, POST"));
    }

    private void authorize(Tenant tenant, ServerRequest req, ServerResponse res) {
        redirect(res, Status.FOUND_302, authorize.authorize(tenant, query(req)).toString());
    }

    private void callback(Tenant tenant, ServerRequest req, ServerResponse res) {
        switch (callback.callback(tenant, query(req))) {
            case CallbackEndpoint.Outcome.ToClient c -> redirect(res, Status.FOUND_302, c.location());
            case CallbackEndpoint.Outcome.ToConsent c -> {
                csrfCookie.set(res, c.requestId(), c.csrfToken(), c.cookieMaxAge());
                redirect(res, Status.SEE_OTHER_303, urls.oauth(tenant.slug(), "consent") + "?request=" + c.requestId());
            }
        }
    }

    private void showConsent(Tenant tenant, ServerRequest req, ServerResponse res) {
        UUID id = ConsentEndpoint.requestId(query(req).single("request"));
        ConsentEndpoint.Shown page = consent.show(tenant, id, csrfCookie.read(req, id));
        Html.sendForm(res, Status.OK_200, page.html(), page.redirectOrigin());
    }

    private void decideConsent(Tenant tenant, ServerRequest req, ServerResponse res) {
        Optional<String> requestOrigin = req.headers().first(HeaderNames.ORIGIN);
        if (requestOrigin.isPresent() && !requestOrigin.get().equalsIgnoreCase(origin)) {
            throw AuthorizationPageException.forbidden("The consent form was sent from another site.");
        }
        String contentType = req.headers().contentType().map(t -> t.mediaType().text()).orElse("");
        if (!contentType.equalsIgnoreCase("application/x-www-form-urlencoded")) {
            throw AuthorizationPageException.badRequest("The consent form was not sent as a form.");
        }
        FormParameters form = form(req);
        if (form.anyRepeated().isPresent()) {
            throw AuthorizationPageException.badRequest("The consent form repeats a field.");
        }
        UUID id = ConsentEndpoint.requestId(form.single("request"));
        String location = consent.decide(tenant, id, new ConsentEndpoint.Submission(id.toString(),
                form.single("csrf"), csrfCookie.read(req, id), form.single("decision").orElse("")));
        csrfCookie.clear(res, id);
        redirect(res, Status.SEE_OTHER_303, location);
    }

    /** One handler step with the tenant resolved; every refusal is mapped here. */
    private void guard(ServerRequest req, ServerResponse res, TenantHandler handler) {
        try {
            Tenant tenant = tenants.findActive(req.path().pathParameters().get("tenant"))
                    .filter(Tenant::requiresSignIn)
                    .orElseThrow(AuthorizationPageException::notFound);
            handler.handle(tenant, req, res);
        } catch (AuthorizationPageException e) {
            Html.send(res, Status.create(e.status()), Html.errorPage(e.title(), e.getMessage()));
        } catch (AuthorizationRedirectException e) {
            redirect(res, req.prologue().method() == Method.POST ? Status.SEE_OTHER_303 : Status.FOUND_302,
                    e.location());
        } catch (DatabaseDownException e) {
            LOG.log(Level.WARNING, "authorization request refused: " + e.getMessage());
            if (!res.isSent()) {
                res.header(HeaderNames.RETRY_AFTER, Long.toString(DatabaseDownException.RETRY_AFTER_SECONDS));
                Html.send(res, Status.SERVICE_UNAVAILABLE_503, Html.errorPage("Temporarily unavailable",
                        "The sign-in service is briefly unavailable. Please try again in a moment."));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "authorization request failed", e);
            if (!res.isSent()) {
                Html.send(res, Status.INTERNAL_SERVER_ERROR_500, Html.errorPage("Something went wrong",
                        "The sign-in could not be completed. Please try again."));
            }
        }
    }

    private static void redirect(ServerResponse res, Status status, String location) {
        res.status(status);
        Html.securityHeaders(res);
        res.header(HeaderNames.LOCATION, location);
        res.send();
    }

    private static void methodNotAllowed(ServerResponse res, String allow) {
        res.status(Status.METHOD_NOT_ALLOWED_405);
        res.header(HeaderNames.ALLOW, allow);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send();
    }

    private static FormParameters query(ServerRequest req) {
        try {
            return FormParameters.parse(req.query().rawValue());
        } catch (IllegalArgumentException e) {
            throw AuthorizationPageException.badRequest("The request's parameters are not correctly encoded.");
        }
    }

    private static FormParameters form(ServerRequest req) {
        if (req.headers().contentLength().orElse(0) > MAX_FORM_BYTES) {
            throw AuthorizationPageException.badRequest("The consent form is too large.");
        }
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(MAX_FORM_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_FORM_BYTES) {
            throw AuthorizationPageException.badRequest("The consent form is too large.");
        }
        try {
            return FormParameters.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw AuthorizationPageException.badRequest("The consent form is not correctly encoded.");
        }
    }

    @FunctionalInterface
    private interface TenantHandler {
        void handle(Tenant tenant, ServerRequest req, ServerResponse res);
    }
}
