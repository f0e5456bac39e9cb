package io.mcpplatform.server.admin.onboarding;

import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.server.provisioning.Provisioner;
import io.mcpplatform.server.provisioning.ProvisioningException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one mapping of {@link ProvisioningException} to the admin API's RFC 9457 problems. Every problem names the
 * failed {@code step}; missing privileges also carry {@code requiredAccess}. The caller authenticated and may act on
 * the tenant, so the customer directory's refusal is not a 403 of this API: a token or plan the run cannot use is
 * 422, the platform refusing the tenant 409, Graph or Entra failing 502 (running again resumes).
 */
final class ProvisioningProblems {
    private ProvisioningProblems() {
    }

    static ProblemException of(ProvisioningException e) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("step", e.step());
        return switch (e.reason()) {
            case PRIVILEGES -> {
                members.put("requiredAccess", Provisioner.REQUIRED_ACCESS);
                yield problem(422, "provisioning-insufficient-privileges", "Insufficient privileges in the directory",
                        e, members);
            }
            case TOKEN -> problem(422, "provisioning-token-refused", "Graph token refused", e, members);
            case INVALID -> problem(422, "provisioning-invalid", "Provisioning not possible", e, members);
            case REJECTED -> problem(409, "provisioning-rejected", "Tenant registration refused", e, members);
            case UNAVAILABLE -> problem(502, "provisioning-unavailable", "Microsoft Graph or Entra failed", e,
                    members);
        };
    }

    private static ProblemException problem(int status, String code, String title, ProvisioningException e,
                                            Map<String, String> members) {
        return new ProblemException(status, code, title, e.getMessage(), Optional.empty(), Map.of(), members);
    }
}
