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
 * @param federated     the expected federated credential (OIDC issuer, subject); empty: a secret or a certificate
 * @param credential    how the platform proves it is the app: the credential the app must hold and keep valid
 */
public record DoctorTarget(String slug, String tenantId, String clientId, String authority, URI callbackUrl,
                           List<String> consentScopes, Optional<FederatedSubject> federated,
                           CredentialKind credential) {
    public DoctorTarget {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        consentScopes = List.copyOf(consentScopes);
        Objects.requireNonNull(federated, "federated");
        Objects.requireNonNull(credential, "credential");
        if (federated.isPresent() != (credential == CredentialKind.FEDERATED)) {
            throw new IllegalArgumentException("a federated subject goes with a federated credential, and only with it");
        }
    }

    /** A target whose credential is the federated subject when given, else a client secret. */
    public DoctorTarget(String slug, String tenantId, String clientId, String authority, URI callbackUrl,
                        List<String> consentScopes, Optional<FederatedSubject> federated) {
        this(slug, tenantId, clientId, authority, callbackUrl, consentScopes, federated,
                federated.isPresent() ? CredentialKind.FEDERATED : CredentialKind.SECRET);
    }

    /** The kinds of app credential the platform uses. */
    public enum CredentialKind {
        /** A client secret ({@code passwordCredentials}). */
        SECRET,
        /** A certificate ({@code keyCredentials}). */
        CERTIFICATE,
        /** A federated identity credential (workload identity). */
        FEDERATED;

        /** The kind of a tenant's credential reference ({@code secret:…}, {@code certificate:…}, {@code federated:…}). */
        public static CredentialKind ofReference(String reference) {
            return reference.startsWith("federated:") ? FEDERATED
                    : reference.startsWith("certificate:") ? CERTIFICATE : SECRET;
        }
    }

    /** The workload identity the app must trust. */
    public record FederatedSubject(URI issuer, String subject) {
    }
}
