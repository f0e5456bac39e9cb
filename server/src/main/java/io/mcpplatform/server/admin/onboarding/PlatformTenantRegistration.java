package io.mcpplatform.server.admin.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.server.admin.auth.AdminPrincipal;
import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.server.admin.tenants.TenantService;
import io.mcpplatform.server.provisioning.Change;
import io.mcpplatform.server.provisioning.ProvisioningException;
import io.mcpplatform.server.provisioning.TenantRegistration;
import io.mcpplatform.server.provisioning.TenantSpec;
import io.mcpplatform.server.provisioning.registration.TenantDocument;

import java.util.Optional;

/**
 * {@link TenantRegistration} inside the platform: the same read-merge-write as the command line's HTTP client
 * ({@link TenantDocument}), through the admin API's own {@link TenantService} in-process, with the caller of the
 * provisioning action as the actor of the change (validated, audited and ETag-guarded exactly like a PUT).
 */
final class PlatformTenantRegistration implements TenantRegistration {
    private static final String STEP = "tenant registration";
    private final TenantService tenants;
    private final AdminPrincipal actor;

    PlatformTenantRegistration(TenantService tenants, AdminPrincipal actor) {
        this.tenants = tenants;
        this.actor = actor;
    }

    @Override
    public Change register(TenantSpec tenant) {
        Optional<TenantService.Document> current = tenants.read(tenant.slug());
        Optional<JsonNode> document = current.map(TenantService.Document::document);
        ObjectNode merged = TenantDocument.merge(document, tenant);
        if (TenantDocument.unchanged(document, merged)) {
            return Change.UNCHANGED;
        }
        try {
            TenantService.Written written = tenants.put(tenant.slug(), merged, actor,
                    current.map(TenantService.Document::etag), current.isEmpty() ? Optional.of("*") : Optional.empty());
            return written.created() ? Change.CREATED : written.changed() ? Change.UPDATED : Change.UNCHANGED;
        } catch (ProblemException e) {
            throw new ProvisioningException(STEP, ProvisioningException.Reason.REJECTED, "the platform refused the"
                    + " tenant (HTTP " + e.status() + "): " + e.getMessage(), e);
        }
    }
}
