package io.mcpplatform.server.admin.tenants;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.server.admin.http.Json;
import io.mcpplatform.tenants.StoredTenant;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantLimits;

import java.util.List;
import java.util.OptionalInt;

/** A tenant as the admin API shows it. Stored secrets and certificates are never shown, only that they exist. */
final class TenantView {
    private TenantView() {
    }

    /** The strong ETag of a stored version. */
    static String etag(long version) {
        return "\"v" + version + "\"";
    }

    static ObjectNode json(StoredTenant stored, List<PreRegisteredClient> preRegistered) {
        Tenant t = stored.tenant();
        ObjectNode o = Json.MAPPER.createObjectNode()
                .put("slug", t.slug())
                .put("displayName", t.displayName())
                .put("status", t.status().name().toLowerCase());
        if (t.entra() != null) {
            ObjectNode entra = o.putObject("entra")
                    .put("tenantId", t.entra().tenantId())
                    .put("clientId", t.entra().clientId())
                    .put("authority", t.entra().authority());
            entra.set("credential", credential(t.entra().credential()));
        }
        ObjectNode graph = o.putObject("graph");
        strings(graph.putArray("scopes"), t.graph().scopes());
        graph.put("adminGroupId", t.graph().adminGroupId().orElse(null));
        ObjectNode clients = o.putObject("clients")
                .put("dynamicRegistration", t.clientPolicy().dynamicRegistration())
                .put("metadataDocuments", t.clientPolicy().metadataDocuments());
        strings(clients.putArray("redirectAllowList"), t.clientPolicy().redirectAllowList());
        ArrayNode pre = clients.putArray("preRegistered");
        for (PreRegisteredClient c : preRegistered) {
            ObjectNode p = pre.addObject().put("clientId", c.clientId()).put("clientName", c.clientName());
            strings(p.putArray("redirectUris"), c.redirectUris());
        }
        strings(o.putArray("toolPacks"), t.toolPacks());
        o.put("mcpMode", t.mcpMode().name().toLowerCase());
        TenantLimits l = t.limits();
        ObjectNode limits = o.putObject("limits");
        limit(limits, "requestsPerSecond", l.requestsPerSecond());
        limit(limits, "sessions", l.sessions());
        limit(limits, "clients", l.clients());
        o.put("createdAt", t.createdAt().toString())
                .put("updatedAt", t.updatedAt().toString())
                .put("version", stored.version());
        return o;
    }

    private static ObjectNode credential(String reference) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        String[] parts = reference.split(":", 3);
        c.put("type", parts[0]);
        switch (parts.length > 1 ? parts[1] : "") {
            case "stored" -> c.put("stored", true);
            case "env" -> {
                if (parts.length > 2) {
                    c.put("env", parts[2]);
                } else {
                    c.put("source", "env");
                }
            }
            case "file" -> c.put("file", parts[2]);
            default -> c.put("source", "env");
        }
        return c;
    }

    private static void limit(ObjectNode o, String name, OptionalInt value) {
        if (value.isPresent()) {
            o.put(name, value.getAsInt());
        } else {
            o.putNull(name);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
