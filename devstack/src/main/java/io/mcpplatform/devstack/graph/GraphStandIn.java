package io.mcpplatform.devstack.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for Microsoft Graph v1.0 on 127.0.0.1, answering per demo user (the bearer token's {@code oid}).
 * Routes: {@code GET /v1.0/me}, {@code GET /v1.0/me/transitiveMemberOf} (pages of {@link #PAGE_SIZE} with
 * {@code @odata.nextLink}), {@code POST /v1.0/me/checkMemberGroups}, {@code GET /v1.0/me/drive/recent?$top=n}, and
 * application management per directory ({@link DirectoryRoutes}: applications, service principals, federated
 * credentials, passwords, delegated permission grants, groups; {@link #directory(String)}, {@link #failWrite(int)}).
 * Tokens: {@code aud} must be {@code https://graph.microsoft.com}, {@code exp} in the future, the {@code oid} a known
 * user, and the signature the stand-in Entra's (see {@link StandInTokenCheck}).
 * Errors are Graph-shaped ({@code {"error":{"code","message"}}}). Knobs: {@link #throttleNext}, {@link #rejectNext},
 * {@link #delayNext}; {@link #requests()} records every request (method, path, oid).
 */
public final class GraphStandIn implements AutoCloseable {
    /** Items per page of {@code transitiveMemberOf}: small, so paging is exercised. */
    public static final int PAGE_SIZE = 2;
    /** The audience Graph tokens carry. */
    public static final String AUDIENCE = "https://graph.microsoft.com";

    private final HttpServer server;
    private final Map<String, DemoGraph.Person> people;
    private final StandInTokenCheck tokens;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Failure> failure = new AtomicReference<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>();
    private final DirectoryRoutes directoryRoutes = new DirectoryRoutes();

    private GraphStandIn(HttpServer server, Map<String, DemoGraph.Person> people, StandInTokenCheck tokens) {
        this.server = server;
        this.people = Map.copyOf(people);
        this.tokens = tokens;
    }

    /**
     * Starts on 127.0.0.1:{@code port} (0 = any free port) with the demo users, accepting only tokens signed by the
     * stand-in Entra at {@code entraBase} ({@code http://127.0.0.1:PORT}).
     */
    public static GraphStandIn start(int port, URI entraBase) {
        return start(port, DemoGraph.people(), Optional.of(entraBase), Clock.systemUTC());
    }

    /**
     * Starts with these users (by oid); without {@code entraBase} the token's signature is not checked (audience,
     * expiry and {@code oid} still are).
     */
    public static GraphStandIn start(int port, Map<String, DemoGraph.Person> people, Optional<URI> entraBase,
                                     Clock clock) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            GraphStandIn standIn = new GraphStandIn(server, people, new StandInTokenCheck(entraBase, clock));
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/v1.0/", standIn::handle);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the stand-in Graph on port " + port, e);
        }
    }

    /** Graph's v1.0 root here, e.g. {@code http://127.0.0.1:41234/v1.0}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1.0");
    }

    /** The next {@code count} requests answer {@code status} (429 or 503) with this {@code Retry-After} (or none). */
    public void throttleNext(int count, int status, Optional<String> retryAfter) {
        failure.set(new Failure(new AtomicInteger(count), status, retryAfter));
    }

    /** The next {@code count} requests answer 401 {@code InvalidAuthenticationToken}. */
    public void rejectNext(int count) {
        failure.set(new Failure(new AtomicInteger(count), 401, Optional.empty()));
    }

    /** The next request waits this long before answering (timeouts). */
    public void delayNext(Duration duration) {
        delay.set(duration);
    }

    /** Every request so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The application-management objects of directory {@code tid}, to inspect or break in tests. */
    public DirectoryObjects directory(String tid) {
        return directoryRoutes.directory(tid);
    }

    /**
     * The {@code n}-th application-management write from now (1 = the next) answers 500 {@code generalException},
     * once; 0 turns the knob off.
     */
    public void failWrite(int n) {
        directoryRoutes.failWrite(n);
    }

    /** Forgets recorded requests and pending knobs. */
    public void reset() {
        directoryRoutes.reset();
        requests.clear();
        failure.set(null);
        delay.set(null);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Duration wait = delay.getAndSet(null);
            if (wait != null) {
                Thread.sleep(wait);
            }
            route(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Optional<Map<String, Object>> claims = tokens.claims(exchange.getRequestHeaders().getFirst("Authorization"));
        String oid = claims.map(c -> String.valueOf(c.get("oid"))).orElse("");
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = DirectoryRoutes.body(in);
        } catch (IOException e) {
            requests.add(new Request(method, path, oid, exchange.getRequestURI().getQuery(), ""));
            error(exchange, 400, "BadRequest", "Invalid JSON.", Optional.empty());
            return;
        }
        requests.add(new Request(method, path, oid, exchange.getRequestURI().getQuery(),
                body.isEmpty() ? "" : body.toString()));
        Failure f = failure.get();
        if (f != null && f.remaining.getAndDecrement() > 0) {
            if (f.status == 401) {
                error(exchange, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.",
                        Optional.empty());
            } else {
                error(exchange, f.status, f.status == 429 ? "TooManyRequests" : "ServiceUnavailable",
                        f.status == 429 ? "Too many requests." : "The service is temporarily unavailable.",
                        f.retryAfter);
            }
            return;
        }
        if (claims.isEmpty()) {
            error(exchange, 401, "InvalidAuthenticationToken", "Access token is empty or invalid.", Optional.empty());
            return;
        }
        String below = path.startsWith("/v1.0/") ? path.substring("/v1.0/".length()) : path;
        if (DirectoryRoutes.handles(below)) {
            directoryRoutes.handle(exchange, below, claims.get(), body);
            return;
        }
        DemoGraph.Person person = people.get(oid);
        if (person == null) {
            error(exchange, 404, "Request_ResourceNotFound", "User '" + oid + "' does not exist.", Optional.empty());
            return;
        }
        switch (method + " " + path) {
            case "GET /v1.0/me" -> json(exchange, 200, me(person));
            case "GET /v1.0/me/transitiveMemberOf" -> json(exchange, 200, memberOf(person,
                    query(exchange, "$skiptoken").map(Integer::parseInt).orElse(0)));
            case "POST /v1.0/me/checkMemberGroups" -> checkMemberGroups(exchange, person, body);
            case "GET /v1.0/me/drive/recent" -> json(exchange, 200, recent(person,
                    query(exchange, "$top").map(Integer::parseInt).orElse(25)));
            default -> error(exchange, 400, "BadRequest", "Resource not found for the segment '" + path + "'.",
                    Optional.empty());
        }
    }

    private Map<String, Object> me(DemoGraph.Person p) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("@odata.context", baseUrl() + "/$metadata#users/$entity");
        me.put("id", p.user().oid());
        me.put("displayName", p.user().name());
        me.put("userPrincipalName", p.user().username());
        me.put("mail", p.user().username());
        me.put("jobTitle", p.jobTitle());
        return me;
    }

    private Map<String, Object> memberOf(DemoGraph.Person p, int skip) {
        List<Map<String, Object>> page = new ArrayList<>();
        List<DemoGraph.Group> groups = p.groups();
        for (int i = skip; i < Math.min(groups.size(), skip + PAGE_SIZE); i++) {
            page.add(Map.of("@odata.type", "#microsoft.graph.group", "id", groups.get(i).id(),
                    "displayName", groups.get(i).displayName()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", baseUrl() + "/$metadata#directoryObjects");
        if (skip + PAGE_SIZE < groups.size()) {
            body.put("@odata.nextLink", baseUrl() + "/me/transitiveMemberOf?$skiptoken=" + (skip + PAGE_SIZE));
        }
        body.put("value", page);
        return body;
    }

    private void checkMemberGroups(HttpExchange exchange, DemoGraph.Person p, JsonNode body) throws IOException {
        JsonNode ids = body == null ? null : body.get("groupIds");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > 20) {
            error(exchange, 400, "Request_BadRequest", "groupIds: between 1 and 20 ids expected.", Optional.empty());
            return;
        }
        List<String> member = new ArrayList<>();
        for (JsonNode id : ids) {
            if (p.groups().stream().anyMatch(g -> g.id().equalsIgnoreCase(id.asText()))) {
                member.add(id.asText());
            }
        }
        json(exchange, 200, Map.of("value", member));
    }

    private Map<String, Object> recent(DemoGraph.Person p, int top) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (DemoGraph.File f : p.recent().subList(0, Math.min(Math.max(top, 0), p.recent().size()))) {
            items.add(Map.of("id", f.id(), "name", f.name(), "size", f.size(),
                    "lastModifiedDateTime", f.lastModified(),
                    "webUrl", "https://demo-my.sharepoint.example/personal/" + p.user().oid() + "/" + f.name()));
        }
        return Map.of("value", items);
    }

    private static Optional<String> query(HttpExchange exchange, String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return Optional.empty();
        }
        for (String pair : raw.split("&")) {
            String decoded = java.net.URLDecoder.decode(pair, StandardCharsets.UTF_8);
            int eq = decoded.indexOf('=');
            if (eq > 0 && decoded.substring(0, eq).equals(name)) {
                return Optional.of(decoded.substring(eq + 1));
            }
        }
        return Optional.empty();
    }

    private static void error(HttpExchange exchange, int status, String code, String message,
                              Optional<String> retryAfter) throws IOException {
        GraphAnswers.error(exchange, status, code, message, retryAfter);
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        GraphAnswers.json(exchange, status, body);
    }

    /**
     * A request the stand-in received: method, path, the token's {@code oid} (empty when none), the decoded query
     * (null when none) and the JSON body (empty when none).
     */
    public record Request(String method, String path, String oid, String query, String body) {

        /** Whether this request changes something (anything but GET). */
        public boolean isWrite() {
            return !"GET".equals(method);
        }
    }

    private record Failure(AtomicInteger remaining, int status, Optional<String> retryAfter) {
    }
}
