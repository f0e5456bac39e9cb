package io.mcpplatform.devstack.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.devstack.entra.DemoDirectories;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The application-management objects of one stand-in directory, held as Graph v1.0 JSON: applications, their
 * federated identity credentials, service principals (Microsoft Graph's own is always there), delegated permission
 * grants and groups. Tests reach in to break things ({@link #application}, {@link #servicePrincipal},
 * {@link #grants}); every access is synchronized on this object.
 */
public final class DirectoryObjects {
    /** Microsoft Graph's application id, the same in every directory. */
    public static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    /** Graph's delegated permissions the stand-in knows, with their real ids. */
    public static final Map<String, String> GRAPH_SCOPES = Map.of(
            "User.Read", "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
            "email", "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0",
            "offline_access", "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
            "openid", "37f7f235-527c-4136-accd-4a02d197296e",
            "profile", "14dad69e-099b-42c9-810b-d002981feec1",
            "GroupMember.Read.All", "bc024368-1153-4739-b217-4326f2e966d0",
            "Files.Read", "10465720-29dd-4523-a11a-6a75c743c9d9");
    static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, ObjectNode> applications = new LinkedHashMap<>();
    final Map<String, List<ObjectNode>> federated = new LinkedHashMap<>();
    final Map<String, ObjectNode> servicePrincipals = new LinkedHashMap<>();
    final Map<String, ObjectNode> grantsById = new LinkedHashMap<>();
    final Map<String, ObjectNode> groups = new LinkedHashMap<>();

    DirectoryObjects(String tid) {
        ObjectNode graph = JSON.createObjectNode();
        graph.put("id", UUID.nameUUIDFromBytes(("graph-sp-" + tid).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
        graph.put("appId", GRAPH_APP_ID);
        graph.put("displayName", "Microsoft Graph");
        ArrayNode scopes = graph.putArray("oauth2PermissionScopes");
        GRAPH_SCOPES.forEach((value, id) -> scopes.addObject().put("id", id).put("value", value).put("type", "User")
                .put("isEnabled", true));
        servicePrincipals.put(graph.get("id").asText(), graph);
        if (DemoDirectories.DEMO_TID.equals(tid)) {
            group(DemoGraph.DEMO_ADMIN_GROUP, "Demo Administrators", "demo-admins");
            group(DemoGraph.DEMO_EVERYONE_GROUP, "Demo Everyone", "demo-everyone");
        } else if (DemoDirectories.CONTOSO_TID.equals(tid)) {
            group(DemoGraph.CONTOSO_ADMIN_GROUP, "Contoso Administrators", "contoso-admins");
        }
    }

    private void group(String id, String name, String nickname) {
        groups.put(id, JSON.createObjectNode().put("id", id).put("displayName", name).put("mailNickname", nickname)
                .put("securityEnabled", true).put("mailEnabled", false));
    }

    /** The application with this application (client) id, to read or change in place. */
    public synchronized Optional<ObjectNode> application(String appId) {
        return applications.values().stream().filter(a -> appId.equals(a.path("appId").asText())).findFirst();
    }

    /** The service principal of this application id, to read or change in place. */
    public synchronized Optional<ObjectNode> servicePrincipal(String appId) {
        return servicePrincipals.values().stream().filter(s -> appId.equals(s.path("appId").asText())).findFirst();
    }

    /** Removes the service principal of this application id (and the grants it holds as client). */
    public synchronized void deleteServicePrincipal(String appId) {
        servicePrincipal(appId).ifPresent(sp -> {
            servicePrincipals.remove(sp.get("id").asText());
            grantsById.values().removeIf(g -> g.path("clientId").asText().equals(sp.get("id").asText()));
        });
    }

    /** Every delegated permission grant, to read or change in place. */
    public synchronized List<ObjectNode> grants() {
        return new ArrayList<>(grantsById.values());
    }

    /** The federated identity credentials of the application with this application id, to read or change. */
    public synchronized List<ObjectNode> federatedCredentials(String appId) {
        return application(appId).map(a -> federated.getOrDefault(a.get("id").asText(), List.of()))
                .orElse(List.of());
    }

    /** The service principal of Microsoft Graph in this directory. */
    public synchronized ObjectNode graphServicePrincipal() {
        return servicePrincipal(GRAPH_APP_ID).orElseThrow();
    }

    /** How many applications the directory holds. */
    public synchronized int applicationCount() {
        return applications.size();
    }
}
