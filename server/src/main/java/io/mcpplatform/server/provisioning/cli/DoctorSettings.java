package io.mcpplatform.server.provisioning.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.server.provisioning.ProvisioningPlan;
import io.mcpplatform.server.provisioning.ToolPackScopes;
import io.mcpplatform.server.provisioning.doctor.DoctorTarget;
import io.mcpplatform.server.provisioning.registration.AdminApiTenantRegistration;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code doctor} checks, from the flags and, with {@code --admin-url}, from the tenant as the platform holds it
 * ({@code GET /admin/v1/tenants/{slug}}: directory, client id, authority, Graph scopes, credential type;
 * {@code …/client-setup}: the public URL). A flag given overrides what the platform says.
 */
final class DoctorSettings {
    private DoctorSettings() {
    }

    static DoctorTarget target(CliArguments a, String slug, Optional<AdminApiTenantRegistration> platform) {
        Optional<JsonNode> stored = platform.map(p -> p.tenant(slug));
        Optional<JsonNode> entra = stored.map(t -> t.path("entra"));
        String authority = a.optional("authority").map(x -> ProvisioningMain.authority(a))
                .or(() -> text(entra, "authority")).orElseGet(() -> ProvisioningMain.authority(a));
        String tenantId = a.optional("entra-tenant-id").or(() -> text(entra, "tenantId"))
                .orElseThrow(() -> missing("entra-tenant-id"));
        String clientId = a.optional("client-id").or(() -> text(entra, "clientId"))
                .orElseThrow(() -> missing("client-id"));
        List<String> scopes = a.optional("tool-packs").map(x -> ToolPackScopes.forPacks(a.list("tool-packs", "echo")))
                .or(() -> stored.map(t -> strings(t.path("graph").path("scopes"))))
                .orElseGet(() -> ToolPackScopes.forPacks(List.of("echo")));
        URI callback = a.optional("public-url").map(x -> ProvisioningMain.callback(a, slug))
                .or(() -> platform.map(p -> URI.create(p.mcpUrl(slug).replaceFirst("/mcp$", "/oauth2/callback"))))
                .orElseThrow(() -> missing("public-url"));
        String credential = a.optional("credential")
                .or(() -> entra.map(e -> e.path("credential").path("type").asText("federated")))
                .orElse("federated");
        Optional<DoctorTarget.FederatedSubject> federated = "federated".equals(credential)
                ? Optional.of(new DoctorTarget.FederatedSubject(URI.create(a.optional("oidc-issuer").orElseThrow(() ->
                new CliArguments.UsageException("--oidc-issuer is required: the tenant's credential is federated"))),
                ProvisioningMain.subject(a)))
                : Optional.empty();
        return new DoctorTarget(slug, tenantId, clientId, authority, callback, ProvisioningPlan.consentScopes(scopes),
                federated, DoctorTarget.CredentialKind.ofReference(credential + ":"));
    }

    private static Optional<String> text(Optional<JsonNode> node, String field) {
        return node.map(n -> n.path(field)).filter(JsonNode::isTextual).map(JsonNode::asText)
                .filter(s -> !s.isEmpty());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static CliArguments.UsageException missing(String flag) {
        return new CliArguments.UsageException("--" + flag + " is required (or --admin-url to read it from the"
                + " platform)");
    }
}
