package io.mcpplatform.server.admin.onboarding;

import io.mcpplatform.server.admin.http.Fields;
import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.server.provisioning.doctor.DoctorTarget;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The workload identity in an onboarding body, shared by provision and doctor: {@code oidcIssuer} (the cluster's
 * https OIDC issuer, required) and {@code serviceAccount} ({@code namespace:name}, default
 * {@code mcp-platform:mcp-platform}).
 */
final class CredentialFields {
    static final String DEFAULT_SERVICE_ACCOUNT = "mcp-platform:mcp-platform";
    private static final Pattern SERVICE_ACCOUNT = Pattern.compile("[a-z0-9.-]{1,253}:[a-z0-9.-]{1,253}");

    private CredentialFields() {
    }

    static DoctorTarget.FederatedSubject workloadIdentity(Fields f) {
        String issuer = f.requiredString("oidcIssuer", 9, 2000);
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null) {
            throw ProblemException.invalid(f.path("oidcIssuer"), f.path("oidcIssuer")
                    + " must be the cluster's https OIDC issuer (az aks show --query oidcIssuerProfile.issuerUrl)");
        }
        String account = f.string("serviceAccount", 3, 507).orElse(DEFAULT_SERVICE_ACCOUNT);
        if (!SERVICE_ACCOUNT.matcher(account).matches()) {
            throw ProblemException.invalid(f.path("serviceAccount"), f.path("serviceAccount")
                    + " must be NAMESPACE:NAME in lower case");
        }
        return new DoctorTarget.FederatedSubject(uri, "system:serviceaccount:" + account);
    }

    /** The Graph token: one opaque string without spaces; never echoed in errors. */
    static String graphToken(Fields f) {
        String token = f.requiredString("graphToken", 16, 16_384);
        if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw ProblemException.invalid(f.path("graphToken"), f.path("graphToken")
                    + " must be one access token (printable ASCII without spaces)");
        }
        return token;
    }
}
