package io.mcpplatform.server.oauth.authorize;

import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.oauth.clients.ClientRegistry;
import io.mcpplatform.server.oauth.clients.OAuthClient;
import io.mcpplatform.server.oauth.clients.RedirectUris;
import io.mcpplatform.tenants.Tenant;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks an authorization request in the order RFC 6749 §4.1.2.1 demands: client and redirect URI first (failures
 * become an {@link AuthorizationPageException}, never a redirect), then everything else (failures go back to the
 * redirect URI as {@link AuthorizationRedirectException} with {@code state} and {@code iss}).
 */
final class AuthorizationRequestValidator {
    /** A base64url SHA-256 digest without padding. */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ClientRegistry clients;
    private final PlatformUrls urls;
    private final OAuthFrontSettings settings;

    AuthorizationRequestValidator(ClientRegistry clients, PlatformUrls urls, OAuthFrontSettings settings) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    AuthorizationRequest validate(Tenant tenant, FormParameters q) {
        if (q.repeated("client_id") || q.repeated("redirect_uri")) {
            throw AuthorizationPageException.badRequest("The request repeats client_id or redirect_uri.");
        }
        String clientId = q.single("client_id")
                .orElseThrow(() -> AuthorizationPageException.badRequest("The request has no client_id."));
        OAuthClient client = clients.find(tenant, clientId)
                .orElseThrow(() -> AuthorizationPageException.badRequest("The application is not registered with "
                        + "this organisation (unknown client_id)."));
        String redirectUri = q.single("redirect_uri")
                .orElseThrow(() -> AuthorizationPageException.badRequest("The request has no redirect_uri."));
        boolean policyAllows = client.type() == OAuthClient.RegistrationType.PRE_REGISTERED
                || RedirectUris.allowedBy(redirectUri, tenant.clientPolicy().redirectAllowList());
        if (!RedirectUris.matches(redirectUri, client.redirectUris()) || !policyAllows) {
            throw AuthorizationPageException.badRequest("The redirect_uri is not registered for this application.");
        }

        String issuer = urls.issuer(tenant.slug());
        if (q.repeated("state")) {
            throw redirect(new ClientRedirect(redirectUri, Optional.empty(), issuer), "invalid_request",
                    "state is repeated");
        }
        Optional<String> state = q.single("state");
        if (state.isPresent() && state.get().length() > settings.maxStateLength()) {
            throw redirect(new ClientRedirect(redirectUri, Optional.empty(), issuer), "invalid_request",
                    "state is longer than " + settings.maxStateLength() + " characters");
        }
        ClientRedirect target = new ClientRedirect(redirectUri, state, issuer);
        Optional<String> repeated = q.anyRepeated().filter(n -> !n.equals("resource"));
        if (repeated.isPresent()) {
            throw redirect(target, "invalid_request", repeated.get() + " is repeated");
        }
        String responseType = q.single("response_type")
                .orElseThrow(() -> redirect(target, "invalid_request", "response_type is required"));
        if (!responseType.equals("code")) {
            throw redirect(target, "unsupported_response_type", "only response_type=code is supported");
        }
        String method = q.single("code_challenge_method")
                .orElseThrow(() -> redirect(target, "invalid_request", "code_challenge_method=S256 is required (PKCE)"));
        if (!method.equals("S256")) {
            throw redirect(target, "invalid_request", "code_challenge_method must be S256");
        }
        String challenge = q.single("code_challenge")
                .orElseThrow(() -> redirect(target, "invalid_request", "code_challenge is required (PKCE)"));
        if (!S256_CHALLENGE.matcher(challenge).matches()) {
            throw redirect(target, "invalid_request", "code_challenge must be 43 base64url characters (S256)");
        }
        String resource = resource(q, target, tenant);
        List<String> scopes = scopes(q, target);
        return new AuthorizationRequest(client, target, challenge, scopes, resource);
    }

    private String resource(FormParameters q, ClientRedirect target, Tenant tenant) {
        List<String> resources = q.all("resource");
        if (resources.isEmpty() || (resources.size() == 1 && resources.getFirst().isEmpty())) {
            throw redirect(target, "invalid_request", "resource is required (RFC 8707): this server's MCP URL");
        }
        String expected = urls.mcp(tenant.slug());
        if (resources.size() != 1 || !resources.getFirst().equals(expected)) {
            throw redirect(target, "invalid_target", "resource must be exactly " + expected);
        }
        return expected;
    }

    private List<String> scopes(FormParameters q, ClientRedirect target) {
        Optional<String> scope = q.single("scope");
        if (scope.isEmpty()) {
            return settings.defaultScopes().stream().sorted().toList();
        }
        List<String> scopes = new ArrayList<>();
        for (String s : scope.get().split(" ")) {
            if (s.isEmpty()) {
                continue;
            }
            if (!settings.supportedScopes().contains(s)) {
                throw redirect(target, "invalid_scope", "unsupported scope; supported: "
                        + String.join(" ", settings.supportedScopes().stream().sorted().toList()));
            }
            scopes.add(s);
        }
        if (scopes.isEmpty()) {
            return settings.defaultScopes().stream().sorted().toList();
        }
        return List.copyOf(new LinkedHashSet<>(scopes));
    }

    private static AuthorizationRedirectException redirect(ClientRedirect target, String error, String description) {
        return new AuthorizationRedirectException(target, error, description);
    }
}
