package io.mcpplatform.server.provisioning;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** How the platform will prove it is the tenant's app: a federated identity credential (preferred) or a secret. */
public sealed interface CredentialPlan {

    /**
     * A federated identity credential for the platform's Kubernetes service account (AKS workload identity).
     *
     * @param name    the credential's name in the app (its stable key), e.g. {@code mcp-platform}
     * @param issuer  the cluster's OIDC issuer URL
     * @param subject {@code system:serviceaccount:{namespace}:{service account}}
     */
    record Federated(String name, URI issuer, String subject) implements CredentialPlan {
        /** The audience Entra expects in workload identity tokens. */
        public static final String AUDIENCE = "api://AzureADTokenExchange";

        public Federated {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,119}")) {
                throw new IllegalArgumentException("federated credential name must be 1 to 120 letters, digits,"
                        + " '-' or '_'");
            }
            Objects.requireNonNull(issuer, "issuer");
            if (!"https".equals(issuer.getScheme()) || issuer.getHost() == null) {
                throw new IllegalArgumentException("OIDC issuer must be an https URL (az aks show --query"
                        + " oidcIssuerProfile.issuerUrl)");
            }
            if (subject == null || !subject.matches("system:serviceaccount:[a-z0-9.-]+:[a-z0-9.-]+")) {
                throw new IllegalArgumentException("subject must be system:serviceaccount:NAMESPACE:NAME");
            }
        }
    }

    /**
     * A client secret with an expiry date, written once to {@code sink}.
     *
     * @param displayName  the secret's name in the app (its stable key), e.g. {@code mcp-platform}
     * @param lifetime     how long a new secret lives, at most {@code maxLifetime}
     * @param renewBefore  a secret with less than this left is replaced
     * @param sink         where the operator receives a new secret
     */
    record Secret(String displayName, Duration lifetime, Duration renewBefore, SecretSink sink)
            implements CredentialPlan {
        /** The longest lifetime a secret may be given. */
        public static final Duration MAX_LIFETIME = Duration.ofDays(180);

        public Secret {
            if (displayName == null || displayName.isBlank()) {
                throw new IllegalArgumentException("secret display name is required");
            }
            if (lifetime.compareTo(Duration.ofDays(1)) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
                throw new IllegalArgumentException("secret lifetime must be between 1 and "
                        + MAX_LIFETIME.toDays() + " days");
            }
            if (renewBefore.isNegative() || renewBefore.compareTo(lifetime) >= 0) {
                throw new IllegalArgumentException("secret renewal window must be shorter than its lifetime");
            }
            Objects.requireNonNull(sink, "sink");
        }
    }
}
