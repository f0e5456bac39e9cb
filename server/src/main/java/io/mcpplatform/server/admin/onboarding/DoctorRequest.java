package io.mcpplatform.server.admin.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.server.admin.http.Fields;
import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.server.provisioning.ProvisioningPlan;
import io.mcpplatform.server.provisioning.doctor.DoctorTarget;
import io.mcpplatform.tenants.Tenant;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /admin/v1/tenants/{slug}/doctor}, and the {@link DoctorTarget} built from the stored
 * tenant: directory, app, authority, the platform's callback and the consent the tenant's Graph scopes need.
 * <pre>
 * {"graphToken": "…",                                   a read-only Graph token (required)
 *  "federated": {"oidcIssuer": "https://…", "serviceAccount": "ns:sa"}}   required when the credential is federated
 * </pre>
 *
 * @param graphToken the token; never logged or answered
 * @param target     what the live configuration should look like
 */
record DoctorRequest(String graphToken, DoctorTarget target) {

    @Override
    public String toString() {
        return "DoctorRequest[graphToken=***, target=" + target + "]";
    }

    static DoctorRequest parse(JsonNode body, Tenant tenant, URI callback) {
        Fields f = Fields.of(body, "", Set.of("graphToken", "federated"));
        String token = CredentialFields.graphToken(f);
        boolean federated = tenant.entra().credential().startsWith("federated:");
        Optional<Fields> identity = f.object("federated", Set.of("oidcIssuer", "serviceAccount"));
        if (federated && identity.isEmpty()) {
            throw ProblemException.invalid("federated", "federated (oidcIssuer, serviceAccount) is required: the"
                    + " tenant's credential is federated and the platform does not store the cluster's issuer");
        }
        if (!federated && identity.isPresent()) {
            throw ProblemException.invalid("federated", "federated does not apply: the tenant's credential is "
                    + tenant.entra().credential().split(":")[0]);
        }
        return new DoctorRequest(token, new DoctorTarget(tenant.slug(), tenant.entra().tenantId(),
                tenant.entra().clientId(), tenant.entra().authority(), callback,
                ProvisioningPlan.consentScopes(tenant.graph().scopes()),
                identity.map(CredentialFields::workloadIdentity),
                DoctorTarget.CredentialKind.ofReference(tenant.entra().credential())));
    }
}
