package io.mcpplatform.server.entra.signin;

import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import io.mcpplatform.server.entra.EntraEndpoints;
import io.mcpplatform.server.entra.EntraException;
import io.mcpplatform.tenants.EntraApp;

import java.net.MalformedURLException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One msal4j {@link ConfidentialClientApplication} per tenant, rebuilt when the tenant's {@link EntraApp} changes
 * (client, credential reference, directory or cloud). Instance discovery is off: the authority is trusted config.
 * {@link #withCache} builds a short-lived app over one user's own token cache (on-behalf-of), reusing the resolved
 * credential: with instance discovery off, building an app makes no request.
 */
public final class MsalApps {
    private final Map<UUID, Cached> apps = new ConcurrentHashMap<>();
    private final Map<EntraApp, IClientCredential> resolved = new ConcurrentHashMap<>();
    private final EntraEndpoints endpoints;
    private final IHttpClient httpClient;
    private final CredentialResolver credentials;

    public MsalApps(EntraEndpoints endpoints, IHttpClient httpClient, CredentialResolver credentials) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    ConfidentialClientApplication forTenant(UUID tenantId, EntraApp app) {
        Cached cached = apps.compute(tenantId, (id, existing) ->
                existing != null && existing.app().equals(app) ? existing : new Cached(app, build(app, credentials.resolve(app.credential()), null)));
        return cached.client();
    }

    /**
     * A new app of this tenant over the token cache {@code aspect} loads and stores (null: an empty in-memory cache
     * that is dropped with the app). The credential is resolved once per {@link EntraApp} and reused.
     */
    public ConfidentialClientApplication withCache(EntraApp app, ITokenCacheAccessAspect aspect) {
        return build(app, resolved.computeIfAbsent(app, a -> credentials.resolve(a.credential())), aspect);
    }

    private ConfidentialClientApplication build(EntraApp app, IClientCredential credential,
                                                ITokenCacheAccessAspect aspect) {
        try {
            ConfidentialClientApplication.Builder builder = ConfidentialClientApplication.builder(app.clientId(), credential)
                    .authority(endpoints.msalAuthority(app))
                    .instanceDiscovery(false)
                    .validateAuthority(false)
                    .disableInternalRetries()
                    .httpClient(httpClient)
                    .logPii(false);
            if (aspect != null) {
                builder.setTokenCacheAccessAspect(aspect);
            }
            return builder.build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new EntraException("invalid_client", "", "the tenant's Entra authority is not usable by msal4j", null);
        }
    }

    private record Cached(EntraApp app, ConfidentialClientApplication client) {
    }
}
