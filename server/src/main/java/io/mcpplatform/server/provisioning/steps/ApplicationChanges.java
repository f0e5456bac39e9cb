package io.mcpplatform.server.provisioning.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.server.provisioning.ProvisioningPlan;

import java.util.ArrayList;
import java.util.List;

/**
 * The difference between an application as Graph shows it and as the plan wants it, as the body of one
 * {@code PATCH} (empty: nothing to change). Only what the platform needs is converged; what the customer added
 * (other redirect URIs, scopes, identifier URIs, permissions) is kept.
 */
final class ApplicationChanges {
    static final String SINGLE_TENANT = "AzureADMyOrg";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApplicationChanges() {
    }

    /** The body that creates the application (everything but the identifier URI, which needs the new app id). */
    static ObjectNode creation(ProvisioningPlan plan, List<String> graphScopeIds, String graphAppId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("displayName", plan.displayName());
        body.put("signInAudience", SINGLE_TENANT);
        ObjectNode api = body.putObject("api");
        api.put("requestedAccessTokenVersion", 2);
        api.putArray("oauth2PermissionScopes").add(scope());
        body.putObject("web").putArray("redirectUris").add(plan.callbackUrl().toString());
        ArrayNode access = body.putArray("requiredResourceAccess");
        access.add(graphAccess(graphAppId, graphScopeIds, JSON.createArrayNode()));
        return body;
    }

    /** What must change in {@code app}. */
    static ObjectNode needed(JsonNode app, ProvisioningPlan plan, List<String> graphScopeIds, String graphAppId) {
        ObjectNode changes = JSON.createObjectNode();
        if (!SINGLE_TENANT.equals(app.path("signInAudience").asText())) {
            changes.put("signInAudience", SINGLE_TENANT);
        }
        String identifier = "api://" + app.path("appId").asText();
        ArrayNode uris = withAdded(app.path("identifierUris"), identifier);
        if (uris != null) {
            changes.set("identifierUris", uris);
        }
        ObjectNode api = JSON.createObjectNode();
        if (app.path("api").path("requestedAccessTokenVersion").asInt(0) != 2) {
            api.put("requestedAccessTokenVersion", 2);
        }
        ArrayNode scopes = scopes(app.path("api").path("oauth2PermissionScopes"));
        if (scopes != null) {
            api.set("oauth2PermissionScopes", scopes);
        }
        if (!api.isEmpty()) {
            changes.set("api", api);
        }
        ArrayNode redirects = withAdded(app.path("web").path("redirectUris"), plan.callbackUrl().toString());
        if (redirects != null) {
            changes.putObject("web").set("redirectUris", redirects);
        }
        ArrayNode access = requiredAccess(app.path("requiredResourceAccess"), graphScopeIds, graphAppId);
        if (access != null) {
            changes.set("requiredResourceAccess", access);
        }
        return changes;
    }

    private static ObjectNode scope() {
        return JSON.createObjectNode()
                .put("id", ApiScope.ID)
                .put("value", ApiScope.VALUE)
                .put("type", "User")
                .put("isEnabled", true)
                .put("adminConsentDisplayName", "Use the MCP tools as the signed-in user")
                .put("adminConsentDescription", "Lets the MCP platform call its tools on behalf of the signed-in user.")
                .put("userConsentDisplayName", "Use the MCP tools as you")
                .put("userConsentDescription", "Lets the MCP platform call its tools on your behalf.");
    }

    /** The array plus {@code value}, or null when it is already there. */
    private static ArrayNode withAdded(JsonNode array, String value) {
        for (JsonNode v : array) {
            if (v.asText().equals(value)) {
                return null;
            }
        }
        ArrayNode copy = JSON.createArrayNode();
        array.forEach(copy::add);
        return copy.add(value);
    }

    /** Existing scopes plus ours (enabled), or null when ours is there and enabled. */
    private static ArrayNode scopes(JsonNode existing) {
        ArrayNode copy = JSON.createArrayNode();
        boolean changed = true;
        for (JsonNode s : existing) {
            if (s.path("id").asText().equals(ApiScope.ID) || s.path("value").asText().equals(ApiScope.VALUE)) {
                if (s.path("isEnabled").asBoolean(false)) {
                    changed = false;
                    copy.add(s);
                } else {
                    copy.add(((ObjectNode) s.deepCopy()).put("isEnabled", true));
                }
            } else {
                copy.add(s);
            }
        }
        if (!changed) {
            return null;
        }
        boolean present = false;
        for (JsonNode s : copy) {
            present |= s.path("id").asText().equals(ApiScope.ID) || s.path("value").asText().equals(ApiScope.VALUE);
        }
        return present ? copy : copy.add(scope());
    }

    /** Existing permissions with Graph's entry completed, or null when it lists every scope already. */
    private static ArrayNode requiredAccess(JsonNode existing, List<String> scopeIds, String graphAppId) {
        ArrayNode copy = JSON.createArrayNode();
        JsonNode graph = null;
        for (JsonNode r : existing) {
            if (r.path("resourceAppId").asText().equals(graphAppId)) {
                graph = r;
            } else {
                copy.add(r);
            }
        }
        List<String> have = new ArrayList<>();
        if (graph != null) {
            graph.path("resourceAccess").forEach(a -> have.add(a.path("id").asText()));
        }
        if (have.containsAll(scopeIds)) {
            return null;
        }
        return copy.add(graphAccess(graphAppId, scopeIds,
                graph == null ? JSON.createArrayNode() : graph.path("resourceAccess")));
    }

    private static ObjectNode graphAccess(String graphAppId, List<String> scopeIds, JsonNode existing) {
        ObjectNode entry = JSON.createObjectNode().put("resourceAppId", graphAppId);
        ArrayNode access = entry.putArray("resourceAccess");
        List<String> seen = new ArrayList<>();
        for (JsonNode a : existing) {
            access.add(a);
            seen.add(a.path("id").asText());
        }
        for (String id : scopeIds) {
            if (!seen.contains(id)) {
                access.addObject().put("id", id).put("type", "Scope");
            }
        }
        return entry;
    }
}
