package io.mcpplatform.server.provisioning.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.server.provisioning.TenantSpec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The admin API's tenant document ({@code PUT /admin/v1/tenants/{slug}}, a full replacement) as provisioning writes
 * it: the tenant as the platform shows it now, with only what provisioning owns replaced — {@code entra} (directory,
 * client id, authority, credential), {@code graph.scopes}, {@code graph.adminGroupId} (when the plan names a group)
 * and {@code toolPacks}. Everything an operator or tenant admin set otherwise (status, display name, client policy,
 * pre-registered clients, MCP mode, limits) is kept, so re-provisioning never resets it. A new tenant starts
 * {@code active} with the plan's display name.
 */
public final class TenantDocument {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Read-only members of the admin API's answer, never sent back. */
    private static final List<String> READ_ONLY = List.of("slug", "createdAt", "updatedAt", "version");

    private TenantDocument() {
    }

    /**
     * The document to PUT.
     *
     * @param current the tenant as {@code GET /admin/v1/tenants/{slug}} answers it, when it exists
     * @param tenant  what provisioning made true
     */
    public static ObjectNode merge(Optional<JsonNode> current, TenantSpec tenant) {
        ObjectNode body = current.map(TenantDocument::writable).orElseGet(() -> {
            ObjectNode fresh = JSON.createObjectNode();
            fresh.put("displayName", tenant.displayName());
            fresh.put("status", "active");
            return fresh;
        });
        ObjectNode entra = body.putObject("entra");
        entra.put("tenantId", tenant.tenantId().toLowerCase(Locale.ROOT));
        entra.put("clientId", tenant.clientId().toLowerCase(Locale.ROOT));
        entra.put("authority", tenant.authority());
        ObjectNode credential = entra.putObject("credential");
        switch (tenant.credential()) {
            case TenantSpec.Federated f -> credential.put("type", "federated").put("source", "env");
            case TenantSpec.Secret s -> credential.put("type", "secret").put("secret", s.secret());
        }
        JsonNode oldGraph = body.path("graph");
        ObjectNode graph = JSON.createObjectNode();
        tenant.graphScopes().forEach(graph.putArray("scopes")::add);
        tenant.adminGroupId().ifPresentOrElse(id -> graph.put("adminGroupId", id),
                () -> graph.set("adminGroupId", oldGraph.path("adminGroupId").isTextual()
                        ? oldGraph.get("adminGroupId") : JSON.nullNode()));
        body.set("graph", graph);
        tenant.toolPacks().forEach(body.putArray("toolPacks")::add);
        return body;
    }

    /**
     * Whether PUTting {@code merged} would change nothing: the same document as {@code current}. A secret given as a
     * value never compares equal (the API shows only that one is stored); the API's ETag tells afterwards.
     */
    public static boolean unchanged(Optional<JsonNode> current, ObjectNode merged) {
        return current.map(TenantDocument::writable).map(merged::equals).orElse(false);
    }

    private static ObjectNode writable(JsonNode current) {
        ObjectNode copy = current.deepCopy();
        copy.remove(READ_ONLY);
        return copy;
    }
}
