package io.mcpplatform.server.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Microsoft Graph v1.0 for one caller: every request carries a token from its {@link AccessTokens}. On 401 it asks
 * for a fresh token once and retries once; on 429/503 it waits as {@link RetryPolicy} allows; a timeout or refused
 * connection, a second 401 or any other error ends in a {@link GraphException} whose message never holds a token.
 * Blocking: call it from a virtual thread.
 */
public final class GraphClient {
    /** The most pages {@link #transitiveMemberOf()} follows. */
    public static final int MAX_PAGES = 50;
    /** The most group ids {@code checkMemberGroups} accepts (Graph's own limit). */
    public static final int MAX_GROUP_IDS = 20;
    private static final int MAX_MESSAGE = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GraphConnection connection;
    private final AccessTokens tokens;

    GraphClient(GraphConnection connection, AccessTokens tokens) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
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
        RetryPolicy retry = connection.retry();
        String token = tokens.token(false);
        boolean refreshed = false;
        Duration waited = Duration.ZERO;
        int attempts = 0;
        while (true) {
            attempts++;
            Answer answer = exchange(method, url, body, token);
            if (answer.status >= 200 && answer.status < 300) {
                return parse(answer.body);
            }
            if (answer.status == 401 && !refreshed) {
                refreshed = true;
                token = tokens.token(true);
                continue;
            }
            if (answer.status == 429 || answer.status == 503) {
                Duration wait = retry.waitFor(answer.retryAfter);
                if (attempts >= retry.maxAttempts() || waited.plus(wait).compareTo(retry.maxTotalWait()) > 0) {
                    throw new GraphException(answer.status, code(answer.body), (answer.status == 429
                            ? "Microsoft Graph is throttling requests" : "Microsoft Graph is unavailable")
                            + " (HTTP " + answer.status + ", " + attempts + " attempt" + (attempts == 1 ? "" : "s")
                            + "); try again in " + Math.max(1, wait.toSeconds()) + " s");
                }
                sleep(retry, wait);
                waited = waited.plus(wait);
                continue;
            }
            throw error(answer);
        }
    }

    private Answer exchange(String method, String url, Object body, String token) {
        HttpClientRequest request = ("POST".equals(method) ? connection.http().post() : connection.http().get())
                .uri(URI.create(url))
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token)
                .header(HeaderNames.ACCEPT, "application/json");
        try (HttpClientResponse response = body == null ? request.request()
                : request.contentType(MediaTypes.APPLICATION_JSON).submit(JSON.writeValueAsString(body))) {
            String text = response.entity().hasEntity() ? response.as(String.class) : "";
            return new Answer(response.status().code(), text, response.headers().first(HeaderNames.RETRY_AFTER));
        } catch (IOException e) {
            throw new GraphException("Microsoft Graph request could not be written", e);
        } catch (RuntimeException e) {
            if (isTimeout(e)) {
                throw new GraphException("Microsoft Graph did not answer in time", e);
            }
            throw new GraphException("Microsoft Graph could not be reached", e);
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(RetryPolicy retry, Duration wait) {
        try {
            retry.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException("interrupted while waiting for Microsoft Graph", e);
        }
    }

    private static GraphException error(Answer answer) {
        String code = code(answer.body);
        String message = "";
        try {
            message = JSON.readTree(answer.body).path("error").path("message").asText("");
        } catch (IOException | RuntimeException notJson) {
            // keep the message empty: a non-JSON body is not shown to the user
        }
        message = message.replaceAll("(?i)bearer\\s+\\S+", "Bearer [hidden]").replaceAll("eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]*", "[token]");
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        String what = switch (answer.status) {
            case 401 -> "Microsoft Graph did not accept the sign-in";
            case 403 -> "Microsoft Graph refused access";
            case 404 -> "Microsoft Graph found nothing there";
            default -> "Microsoft Graph answered with an error";
        };
        return new GraphException(answer.status, code, what + " (HTTP " + answer.status
                + (code.isEmpty() ? "" : " " + code) + ")" + (message.isEmpty() ? "" : ": " + message));
    }

    private static String code(String body) {
        try {
            return JSON.readTree(body).path("error").path("code").asText("");
        } catch (IOException | RuntimeException notJson) {
            return "";
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new GraphException("Microsoft Graph answered with something that is not JSON", e);
        }
    }

    private String url(String path) {
        return connection.baseUrl() + path;
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

    private record Answer(int status, String body, Optional<String> retryAfter) {
    }
}
