package io.mcpplatform.server.provisioning.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.server.graph.GraphException;
import io.mcpplatform.server.graph.GraphResponse;
import io.mcpplatform.server.graph.GraphTransport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Microsoft Graph v1.0 application management over a {@link GraphTransport}: applications (addressed by object id,
 * {@code (appId='…')} or {@code (uniqueName='…')}), service principals, federated identity credentials, passwords,
 * delegated permission grants and groups. Answers are Graph's JSON; a 404 on a lookup is an empty result, every other
 * error a {@link GraphException}. Blocking.
 */
public final class DirectoryClient {
    /** Microsoft Graph's application id in every directory. */
    public static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    private static final Map<String, String> NONE = Map.of();

    private final GraphTransport graph;

    public DirectoryClient(GraphTransport graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    /** {@code GET /applications(uniqueName='…')}. */
    public Optional<JsonNode> applicationByUniqueName(String uniqueName) {
        return find(() -> get("/applications(uniqueName='" + key(uniqueName) + "')"));
    }

    /** {@code GET /applications(appId='…')}. */
    public Optional<JsonNode> applicationByAppId(String appId) {
        return find(() -> get("/applications(appId='" + key(appId) + "')"));
    }

    /** {@code PATCH /applications(uniqueName='…')} with {@code Prefer: create-if-missing}: the created application. */
    public JsonNode createApplication(String uniqueName, ObjectNode body) {
        GraphResponse r = graph.send("PATCH", graph.url("/applications(uniqueName='" + key(uniqueName) + "')"), body,
                Map.of("Prefer", "create-if-missing"));
        return r.status() == 201 && r.body().has("appId") ? r.body()
                : applicationByUniqueName(uniqueName).orElseThrow(() -> new GraphException(404, "",
                "Microsoft Graph did not return the application it created"));
    }

    /** {@code PATCH /applications/{id}}. */
    public void updateApplication(String objectId, ObjectNode changes) {
        graph.send("PATCH", graph.url("/applications/" + key(objectId)), changes, NONE);
    }

    /** {@code GET /servicePrincipals(appId='…')}. */
    public Optional<JsonNode> servicePrincipal(String appId) {
        return find(() -> get("/servicePrincipals(appId='" + key(appId) + "')"));
    }

    /** {@code POST /servicePrincipals}. */
    public JsonNode createServicePrincipal(String appId) {
        return graph.send("POST", graph.url("/servicePrincipals"), Map.of("appId", appId), NONE).body();
    }

    /** {@code GET /applications/{id}/federatedIdentityCredentials}. */
    public List<JsonNode> federatedCredentials(String appObjectId) {
        return values(get("/applications/" + key(appObjectId) + "/federatedIdentityCredentials"));
    }

    /** {@code POST /applications/{id}/federatedIdentityCredentials}. */
    public void createFederatedCredential(String appObjectId, Map<String, Object> credential) {
        graph.send("POST", graph.url("/applications/" + key(appObjectId) + "/federatedIdentityCredentials"),
                credential, NONE);
    }

    /** {@code PATCH /applications/{id}/federatedIdentityCredentials/{ficId}}. */
    public void updateFederatedCredential(String appObjectId, String ficId, Map<String, Object> changes) {
        graph.send("PATCH", graph.url("/applications/" + key(appObjectId) + "/federatedIdentityCredentials/"
                + key(ficId)), changes, NONE);
    }

    /** {@code POST /applications/{id}/addPassword}: the new credential, {@code secretText} included (once). */
    public JsonNode addPassword(String appObjectId, String displayName, Instant endDateTime) {
        return graph.send("POST", graph.url("/applications/" + key(appObjectId) + "/addPassword"),
                Map.of("passwordCredential", Map.of("displayName", displayName, "endDateTime",
                        endDateTime.toString())), NONE).body();
    }

    /** {@code POST /applications/{id}/removePassword}. */
    public void removePassword(String appObjectId, String keyId) {
        graph.send("POST", graph.url("/applications/" + key(appObjectId) + "/removePassword"),
                Map.of("keyId", keyId), NONE);
    }

    /** {@code GET /oauth2PermissionGrants?$filter=clientId eq '…'}: the delegated grants this service principal holds. */
    public List<JsonNode> grantsOf(String clientServicePrincipalId) {
        return values(get("/oauth2PermissionGrants?$filter=" + filter("clientId eq '" + clientServicePrincipalId
                + "'")));
    }

    /** {@code POST /oauth2PermissionGrants} for all principals (admin consent). */
    public void createGrant(String clientId, String resourceId, String scope) {
        graph.send("POST", graph.url("/oauth2PermissionGrants"), Map.of("clientId", clientId,
                "consentType", "AllPrincipals", "resourceId", resourceId, "scope", scope), NONE);
    }

    /** {@code PATCH /oauth2PermissionGrants/{id}} with a new scope list. */
    public void updateGrant(String grantId, String scope) {
        graph.send("PATCH", graph.url("/oauth2PermissionGrants/" + key(grantId)), Map.of("scope", scope), NONE);
    }

    /** {@code GET /groups/{id}}. */
    public Optional<JsonNode> group(String id) {
        return find(() -> get("/groups/" + key(id)));
    }

    /** {@code GET /groups?$filter=mailNickname eq '…'}: the first match. */
    public Optional<JsonNode> groupByNickname(String mailNickname) {
        return values(get("/groups?$filter=" + filter("mailNickname eq '" + mailNickname + "'"))).stream()
                .findFirst();
    }

    /** {@code POST /groups}: a security group. */
    public JsonNode createSecurityGroup(String displayName, String mailNickname) {
        return graph.send("POST", graph.url("/groups"), Map.of("displayName", displayName, "mailNickname",
                mailNickname, "mailEnabled", false, "securityEnabled", true), NONE).body();
    }

    private JsonNode get(String path) {
        return graph.send("GET", graph.url(path), null, NONE).body();
    }

    private static Optional<JsonNode> find(Supplier<JsonNode> lookup) {
        try {
            return Optional.of(lookup.get());
        } catch (GraphException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static List<JsonNode> values(JsonNode page) {
        List<JsonNode> values = new ArrayList<>();
        page.path("value").forEach(values::add);
        return values;
    }

    /** A key inside {@code '…'} or a path segment: quotes doubled as OData wants, then percent-encoded. */
    private static String key(String value) {
        return URLEncoder.encode(value.replace("'", "''"), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String filter(String expression) {
        return URLEncoder.encode(expression, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
