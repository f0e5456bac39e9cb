package io.mcpplatform.server.graph;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Microsoft Graph v1.0 for one caller, the calls the graph tools make: every request goes through a
 * {@link GraphTransport} (one fresh token after a 401, throttling waited out as {@link RetryPolicy} allows, errors as
 * {@link GraphException} whose message never holds a token). Blocking: call it from a virtual thread.
 */
public final class GraphClient {
    /** The most pages {@link #transitiveMemberOf()} follows. */
    public static final int MAX_PAGES = 50;
    /** The most group ids {@code checkMemberGroups} accepts (Graph's own limit). */
    public static final int MAX_GROUP_IDS = 20;

    private final GraphConnection connection;
    private final GraphTransport transport;

    GraphClient(GraphConnection connection, AccessTokens tokens) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.transport = new GraphTransport(connection, tokens);
    }

    /** {@code GET /me}. */
    public GraphUser me() {
        JsonNode me = send("GET", url("/me?$select=id,displayName,userPrincipalName,mail,jobTitle"), null);
        return new GraphUser(text(me, "id"), text(me, "displayName"), text(me, "userPrincipalName"), text(me, "mail"),
                text(me, "jobTitle"));
    }

    /** {@code GET /me/transitiveMemberOf}, following {@code @odata.nextLink} for up to {@link #MAX_PAGES} pages. */
    public Memberships transitiveMemberOf() {
        List<GraphGroup> groups = new ArrayList<>();
        String next = url("/me/transitiveMemberOf?$select=id,displayName");
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode body = send("GET", next, null);
            for (JsonNode g : body.path("value")) {
                groups.add(new GraphGroup(text(g, "id"), text(g, "displayName"), text(g, "@odata.type")));
            }
            JsonNode link = body.get("@odata.nextLink");
            if (link == null || !link.isTextual() || link.asText().isEmpty()) {
                return new Memberships(groups, false);
            }
            next = sameOrigin(link.asText());
        }
        return new Memberships(groups, true);
    }

    /** {@code POST /me/checkMemberGroups}: which of these group ids (1 to 20) the user is a member of. */
    public List<String> checkMemberGroups(List<String> groupIds) {
        if (groupIds.isEmpty() || groupIds.size() > MAX_GROUP_IDS) {
            throw new IllegalArgumentException("between 1 and " + MAX_GROUP_IDS + " group ids expected");
        }
        JsonNode body = send("POST", url("/me/checkMemberGroups"), Map.of("groupIds", groupIds));
        List<String> ids = new ArrayList<>();
        for (JsonNode id : body.path("value")) {
            ids.add(id.asText());
        }
        return ids;
    }

    /** {@code GET /me/drive/recent?$top=top}. */
    public List<DriveItem> recentFiles(int top) {
        JsonNode body = send("GET", url("/me/drive/recent?$top=" + top), null);
        List<DriveItem> items = new ArrayList<>();
        for (JsonNode item : body.path("value")) {
            JsonNode remote = item.path("remoteItem");
            items.add(new DriveItem(text(item, "id"), text(item, "name"), text(item, "webUrl"),
                    text(item, "lastModifiedDateTime"),
                    item.path("size").isNumber() ? item.path("size").asLong()
                            : remote.path("size").isNumber() ? remote.path("size").asLong() : -1));
            if (items.size() >= top) {
                break;
            }
        }
        return items;
    }

    private JsonNode send(String method, String url, Object body) {
        return transport.send(method, url, body, Map.of()).body();
    }

    private String url(String path) {
        return transport.url(path);
    }

    /** A next link must point at the same Graph we talk to: the token never goes to another host. */
    private String sameOrigin(String link) {
        URI next = URI.create(link);
        URI base = connection.baseUrl();
        if (!Objects.equals(next.getScheme(), base.getScheme()) || !Objects.equals(next.getHost(), base.getHost())
                || next.getPort() != base.getPort()) {
            throw new GraphException(0, "", "Microsoft Graph sent a next page link to another host; not followed");
        }
        return link;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
