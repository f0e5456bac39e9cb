package io.mcpplatform.server.entra.signin;

import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IHttpClient;
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
 */
final class MsalApps {
    private final Map<UUID, Cached> apps = new ConcurrentHashMap<>();
    private final EntraEndpoints endpoints;
    private final IHttpClient httpClient;
    private final CredentialResolver credentials;

    MsalApps(EntraEndpoints endpoints, IHttpClient httpClient, CredentialResolver credentials) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    ConfidentialClientApplication forTenant(UUID tenantId, EntraApp app) {
        Cached cached = apps.compute(tenantId, (id, existing) ->
                existing != null && existing.app().equals(app) ? existing : new Cached(app, build(app)));
        return cached.client();
    }

    private ConfidentialClientApplication build(EntraApp app) {
        try {
            return ConfidentialClientApplication.builder(app.clientId(), credentials.resolve(app.credential()))
                    .authority(endpoints.msalAuthority(app))
                    .instanceDiscovery(false)
                    .validateAuthority(false)
                    .disableInternalRetries()
                    .httpClient(httpClient)
                    .logPii(false)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new EntraException("invalid_client", "", "the tenant's Entra authority is not usable by msal4j", null);
        }
    }

    private record Cached(EntraApp app, ConfidentialClientApplication client) {
    }
}
