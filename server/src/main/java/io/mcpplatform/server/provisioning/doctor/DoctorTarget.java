package io.mcpplatform.server.provisioning.doctor;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tenant's live configuration should look like.
 *
 * @param slug          the platform tenant
 * @param tenantId      the Entra directory id
 * @param clientId      the app registration's application id
 * @param authority     the cloud's login host
 * @param callbackUrl   the platform's callback for the tenant (the redirect URI the app must list)
 * @param consentScopes the delegated Graph scopes that need admin consent
 * @param federated     the expected federated credential (OIDC issuer, subject); empty: a client secret
 */
public record DoctorTarget(String slug, String tenantId, String clientId, String authority, URI callbackUrl,
                           List<String> consentScopes, Optional<FederatedSubject> federated) {
    public DoctorTarget {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        consentScopes = List.copyOf(consentScopes);
        Objects.requireNonNull(federated, "federated");
    }

    /** The workload identity the app must trust. */
    public record FederatedSubject(URI issuer, String subject) {
    }
}
