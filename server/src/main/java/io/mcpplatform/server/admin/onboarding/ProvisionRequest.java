package io.mcpplatform.server.admin.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.server.admin.http.Fields;
import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.server.provisioning.AdminGroupPlan;
import io.mcpplatform.server.provisioning.CredentialPlan;
import io.mcpplatform.server.provisioning.ProvisioningPlan;
import io.mcpplatform.server.provisioning.SecretSink;
import io.mcpplatform.server.provisioning.ToolPackScopes;
import io.mcpplatform.server.provisioning.doctor.DoctorTarget;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.Tenant;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /admin/v1/tenants/{slug}/provision}, validated into a {@link ProvisioningPlan}: the options
 * of {@code bin/mcp-platform provision}, with the stored tenant's values as defaults for an existing tenant.
 * <pre>
 * {"graphToken": "…",                        the customer admin's Graph token (required)
 *  "entraTenantId": "GUID",                  required for a new tenant
 *  "displayName": "…", "authority": "https://…", "toolPacks": ["echo", "graph"],
 *  "credential": {"type": "federated", "oidcIssuer": "https://…", "serviceAccount": "ns:sa", "name": "…"}
 *              | {"type": "secret", "days": 180},
 *  "adminGroup": {"id": "GUID"} | {"name": "…"}}
 * </pre>
 *
 * @param graphToken the admin's token; never logged or answered
 * @param plan       what to make true
 */
record ProvisionRequest(String graphToken, ProvisioningPlan plan) {
    private static final Set<String> FIELDS = Set.of("graphToken", "entraTenantId", "displayName", "authority",
            "toolPacks", "credential", "adminGroup");

    @Override
    public String toString() {
        return "ProvisionRequest[graphToken=***, plan=" + plan + "]";
    }

    /**
     * @param body         the JSON object
     * @param slug         the tenant of the route
     * @param existing     the stored tenant, when there is one
     * @param callback     the platform's OAuth callback for the tenant
     * @param storedSecret the client secret the platform keeps for the tenant, when any
     */
    static ProvisionRequest parse(JsonNode body, String slug, Optional<Tenant> existing, URI callback,
                                  Optional<String> storedSecret) {
        Fields f = Fields.of(body, "", FIELDS);
        String token = CredentialFields.graphToken(f);
        String directory = f.guid("entraTenantId").or(() -> existing.map(t -> t.entra().tenantId()))
                .orElseThrow(() -> ProblemException.invalid("entraTenantId", "entraTenantId is required for a new"
                        + " tenant (the customer's directory id)"));
        String displayName = f.string("displayName", 1, 120)
                .or(() -> existing.map(Tenant::displayName)).orElse(slug);
        String authority = f.string("authority", 9, 200).or(() -> existing.map(t -> t.entra().authority()))
                .orElse(EntraApp.PUBLIC_CLOUD);
        List<String> packs = f.strings("toolPacks", 20, 40).or(() -> existing.map(Tenant::toolPacks))
                .orElse(List.of("echo"));
        List<String> scopes;
        try {
            scopes = ToolPackScopes.forPacks(packs);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("toolPacks", "toolPacks: " + e.getMessage());
        }
        Fields c = f.object("credential", Set.of("type", "oidcIssuer", "serviceAccount", "name", "days"))
                .orElseThrow(() -> ProblemException.invalid("credential", "credential is required: {\"type\":"
                        + "\"federated\",\"oidcIssuer\":…} or {\"type\":\"secret\"}"));
        CredentialPlan credential = credential(c, storedSecret);
        Optional<AdminGroupPlan> group = f.object("adminGroup", Set.of("id", "name")).map(g -> adminGroup(g, slug));
        try {
            return new ProvisionRequest(token, new ProvisioningPlan(slug, displayName, directory, authority, callback,
                    packs, scopes, credential, group));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    private static CredentialPlan credential(Fields c, Optional<String> storedSecret) {
        String type = c.requiredString("type", 1, 20);
        try {
            return switch (type) {
                case "federated" -> {
                    only(c, "days");
                    DoctorTarget.FederatedSubject identity = CredentialFields.workloadIdentity(c);
                    yield new CredentialPlan.Federated(c.string("name", 1, 120).orElse("mcp-platform"),
                            identity.issuer(), identity.subject());
                }
                case "secret" -> {
                    only(c, "oidcIssuer", "serviceAccount", "name");
                    int days = c.integer("days", 2, (int) CredentialPlan.Secret.MAX_LIFETIME.toDays()).orElse(180);
                    yield new CredentialPlan.Secret("mcp-platform", Duration.ofDays(days),
                            Duration.ofDays(Math.min(30, days / 2)), new StoredSecretSink(storedSecret));
                }
                default -> throw ProblemException.invalid(c.path("type"), c.path("type")
                        + " must be federated or secret");
            };
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(c.path("type"), e.getMessage());
        }
    }

    private static void only(Fields c, String... foreign) {
        for (String name : foreign) {
            if (c.has(name)) {
                throw ProblemException.invalid(c.path(name), c.path(name) + " does not belong to type "
                        + c.raw("type").asText());
            }
        }
    }

    private static AdminGroupPlan adminGroup(Fields g, String slug) {
        if (g.has("id") == g.has("name")) {
            throw ProblemException.invalid("adminGroup", "adminGroup needs exactly one of id or name");
        }
        try {
            return g.guid("id").<AdminGroupPlan>map(AdminGroupPlan.Existing::new)
                    .orElseGet(() -> new AdminGroupPlan.Named(g.requiredString("name", 1, 256),
                            "mcp-" + slug + "-admins"));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("adminGroup", e.getMessage());
        }
    }
}
