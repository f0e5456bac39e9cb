package io.mcpplatform.server.oauth.token;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.oauth.clients.ClientRegistry;
import io.mcpplatform.server.oauth.clients.OAuthClient;
import io.mcpplatform.tenants.Tenant;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Client authentication at {@code /token} and {@code /revoke}, by the client's registered
 * {@code token_endpoint_auth_method}: {@code none} (the {@code client_id} parameter, no secret),
 * {@code client_secret_basic} (HTTP Basic, RFC 6749 section 2.3.1) or {@code client_secret_post}. Exactly one method
 * per request; every failure is {@code invalid_client} (401, with {@code WWW-Authenticate: Basic} when Basic was used
 * or is required).
 */
final class ClientAuthenticator {
    private final ClientRegistry registry;
    private final PlatformUrls urls;

    ClientAuthenticator(ClientRegistry registry, PlatformUrls urls) {
        this.registry = registry;
        this.urls = urls;
    }

    OAuthClient authenticate(Tenant tenant, ServerRequest req, FormRequest form) {
        Optional<String[]> basic = basic(req, tenant);
        Optional<String> realm = Optional.of(urls.issuer(tenant.slug()));
        Optional<String> postSecret = form.get("client_secret");
        if (basic.isPresent() && postSecret.isPresent()) {
            throw OAuthErrors.invalidRequest("use one client authentication method, not both Basic and client_secret");
        }
        Optional<String> formId = form.get("client_id");
        String clientId;
        if (basic.isPresent()) {
            clientId = basic.get()[0];
            if (formId.isPresent() && !formId.get().equals(clientId)) {
                throw OAuthErrors.invalidClient("client_id does not match the authenticated client", realm);
            }
        } else {
            clientId = formId.orElseThrow(() -> OAuthErrors.invalidClient("client authentication failed",
                    Optional.empty()));
        }
        Optional<String> basicRealm = basic.isPresent() ? realm : Optional.empty();
        if (clientId.length() > 2048) {
            throw OAuthErrors.invalidClient("client authentication failed", basicRealm);
        }
        OAuthClient client = registry.find(tenant, clientId)
                .filter(c -> !c.revoked())
                .orElseThrow(() -> OAuthErrors.invalidClient("client authentication failed", basicRealm));
        switch (client.tokenEndpointAuthMethod()) {
            case "none" -> {
                if (basic.isPresent() || postSecret.isPresent()) {
                    throw OAuthErrors.invalidClient("this client is public and must not send a secret", basicRealm);
                }
            }
            case "client_secret_basic" -> {
                if (basic.isEmpty() || !registry.secretMatches(client, basic.get()[1])) {
                    throw OAuthErrors.invalidClient("client authentication failed", realm);
                }
            }
            case "client_secret_post" -> {
                if (postSecret.isEmpty() || !registry.secretMatches(client, postSecret.get())) {
                    throw OAuthErrors.invalidClient("client authentication failed", basicRealm);
                }
            }
            default -> throw OAuthErrors.invalidClient("client authentication method not supported", basicRealm);
        }
        return client;
    }

    /** {@code [id, secret]} from {@code Authorization: Basic}, form-decoded; empty when no Basic header. */
    private Optional<String[]> basic(ServerRequest req, Tenant tenant) {
        List<String> values = req.headers().all(HeaderNames.AUTHORIZATION, List::of);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> realm = Optional.of(urls.issuer(tenant.slug()));
        if (values.size() > 1) {
            throw OAuthErrors.invalidRequest("more than one Authorization header");
        }
        String value = values.getFirst().trim();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw OAuthErrors.invalidClient("malformed Basic credentials", realm);
            }
            return Optional.of(new String[]{
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)});
        } catch (IllegalArgumentException e) {
            throw OAuthErrors.invalidClient("malformed Basic credentials", realm);
        }
    }
}
