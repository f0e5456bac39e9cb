package io.mcpplatform.devstack.entra;

import io.mcpplatform.server.entra.EntraEndpoints;
import io.mcpplatform.tenants.EntraApp;

import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * {@link EntraEndpoints} for the stand-in: the browser and the key set go to {@code http://127.0.0.1:PORT}, while
 * msal4j keeps the real {@code https://login.microsoftonline.com/{tid}/} authority (msal4j rejects http authorities
 * and keys its cache by host) and is sent to the stand-in by {@link #rewrite()}. Issuers are Entra's real ones.
 */
public final class StandInEndpoints implements EntraEndpoints {
    /** The public cloud, which the stand-in plays. */
    public static final String ENTRA = "https://login.microsoftonline.com";

    private final URI base;

    /** @param base the stand-in's base URL, {@code http://127.0.0.1:PORT} */
    public StandInEndpoints(URI base) {
        this.base = base;
    }

    @Override
    public URI authorizationEndpoint(EntraApp app) {
        return URI.create(base + "/" + app.tenantId() + "/oauth2/v2.0/authorize");
    }

    @Override
    public String msalAuthority(EntraApp app) {
        return ENTRA + "/" + app.tenantId() + "/";
    }

    @Override
    public String issuer(EntraApp app) {
        return ENTRA + "/" + app.tenantId() + "/v2.0";
    }

    @Override
    public URI jwksUri(EntraApp app) {
        return URI.create(base + "/" + app.tenantId() + "/discovery/v2.0/keys");
    }

    /** Sends {@code https://login.microsoftonline.com/...} to the stand-in; other URLs pass unchanged. */
    public UnaryOperator<URI> rewrite() {
        return uri -> {
            String s = uri.toString();
            return s.startsWith(ENTRA + "/") ? URI.create(base + s.substring(ENTRA.length())) : uri;
        };
    }
}
