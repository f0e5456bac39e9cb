package io.mcpplatform.server.provisioning.steps;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.server.provisioning.directory.DirectoryClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft Graph's service principal in the customer's directory and the ids of its delegated permissions
 * ({@code User.Read} → {@code e1fe6dd8-…}), read from the directory rather than hard-coded.
 *
 * @param servicePrincipalId Graph's service principal object id (the {@code resourceId} of consent grants)
 * @param scopeIds           delegated permission value → id
 */
public record GraphPermissions(String servicePrincipalId, Map<String, String> scopeIds) {
    public GraphPermissions {
        scopeIds = Map.copyOf(scopeIds);
    }

    /** Reads Graph's service principal ({@code appId 00000003-0000-0000-c000-000000000000}). */
    public static GraphPermissions lookUp(DirectoryClient directory) {
        JsonNode sp = directory.servicePrincipal(DirectoryClient.GRAPH_APP_ID).orElseThrow(() ->
                new IllegalStateException("the directory has no service principal for Microsoft Graph"));
        Map<String, String> ids = new LinkedHashMap<>();
        sp.path("oauth2PermissionScopes").forEach(s -> ids.put(s.path("value").asText(), s.path("id").asText()));
        return new GraphPermissions(sp.path("id").asText(), ids);
    }

    /** The id of a delegated permission, when Graph has it. */
    public Optional<String> idOf(String scope) {
        return Optional.ofNullable(scopeIds.get(scope));
    }
}
