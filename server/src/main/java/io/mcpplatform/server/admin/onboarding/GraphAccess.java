package io.mcpplatform.server.admin.onboarding;

import io.mcpplatform.server.entra.EntraEndpoints;
import io.mcpplatform.server.graph.GraphConnection;
import io.mcpplatform.server.graph.GraphTransport;
import io.mcpplatform.server.graph.RetryPolicy;
import io.mcpplatform.server.provisioning.directory.DirectoryClient;
import io.mcpplatform.server.provisioning.doctor.MetadataProbe;
import io.mcpplatform.tenants.EntraApp;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How the onboarding actions reach Microsoft Graph and Entra: Graph's v1.0 root (the devstack: its stand-in) and the
 * platform's {@link EntraEndpoints}, from which the directory metadata's reachable host is derived (the devstack's
 * endpoints send the key set, and so the metadata, to the stand-in; production's are the clouds themselves).
 *
 * @param graphBaseUrl Microsoft Graph v1.0
 * @param endpoints    the platform's Entra endpoints
 * @param timeout      bound on every call
 * @param clock        for Graph's retry budget and the doctor's checks
 */
public record GraphAccess(URI graphBaseUrl, EntraEndpoints endpoints, Duration timeout, Clock clock) {
    public GraphAccess {
        Objects.requireNonNull(graphBaseUrl, "graphBaseUrl");
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(clock, "clock");
    }

    /** Graph's application management with this admin token (the token is never refreshed: a 401 ends the call). */
    public DirectoryClient directory(String graphToken) {
        GraphConnection connection = new GraphConnection(graphBaseUrl, timeout, RetryPolicy.defaults(clock));
        return new DirectoryClient(new GraphTransport(connection, rejected -> graphToken));
    }

    /** The metadata probe for this app's directory, sent where the platform reaches that cloud. */
    public MetadataProbe metadataProbe(EntraApp app) {
        String jwks = endpoints.jwksUri(app).toString();
        String suffix = "/" + app.tenantId() + "/discovery/v2.0/keys";
        String reachable = jwks.endsWith(suffix) ? jwks.substring(0, jwks.length() - suffix.length())
                : app.authority();
        String authority = app.authority();
        UnaryOperator<URI> rewrite = uri -> uri.toString().startsWith(authority + "/")
                ? URI.create(reachable + uri.toString().substring(authority.length())) : uri;
        return new MetadataProbe(timeout, rewrite);
    }
}
