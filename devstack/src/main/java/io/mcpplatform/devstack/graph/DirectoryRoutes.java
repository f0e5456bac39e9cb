package io.mcpplatform.devstack.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application-management part of the stand-in Graph, per directory (the token's {@code tid}), shaped like Graph
 * v1.0: {@code applications} (by object id, {@code (appId='…')} or {@code (uniqueName='…')}, upsert with
 * {@code Prefer: create-if-missing}), {@code federatedIdentityCredentials}, {@code addPassword},
 * {@code removePassword}, {@code servicePrincipals}, {@code oauth2PermissionGrants}, {@code groups}.
 * Reads need a read (or write) permission in {@code scp}; writes need the write permission and a caller who holds a
 * directory role ({@link DemoGraph#DIRECTORY_ADMINS}), else 403 {@code Authorization_RequestDenied}. Unknown objects
 * are 404 {@code Request_ResourceNotFound}. {@link #failWrite(int)} makes the n-th write from now answer 500.
 */
final class DirectoryRoutes {
    private static final Pattern KEYED = Pattern.compile("(\\w+)\\((appId|uniqueName)='([^']*)'\\)");
    private static final Set<String> SEGMENTS = Set.of("applications", "servicePrincipals", "oauth2PermissionGrants",
            "groups");
    private static final String DENIED = "Insufficient privileges to complete the operation.";

    private final Map<String, DirectoryObjects> directories = new ConcurrentHashMap<>();
    private final AtomicInteger failWriteIn = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();

    /** Whether {@code path} (below {@code /v1.0/}) is one of these routes. */
    static boolean handles(String path) {
        String first = path.split("/")[0];
        int paren = first.indexOf('(');
        return SEGMENTS.contains(paren < 0 ? first : first.substring(0, paren));
    }

    DirectoryObjects directory(String tid) {
        return directories.computeIfAbsent(tid, DirectoryObjects::new);
    }

    /** The {@code n}-th write from now (1 = the next) answers 500; 0 turns the knob off. */
    void failWrite(int n) {
        failWriteIn.set(n);
    }

    /** Writes answered since the start (successful or not). */
    int writes() {
        return writes.get();
    }

    void reset() {
        failWriteIn.set(0);
    }

    void handle(HttpExchange exchange, String path, Map<String, Object> claims, JsonNode body) throws IOException {
        String method = exchange.getRequestMethod();
        boolean write = !"GET".equals(method);
        Kind kind = Kind.of(path);
        Set<String> scp = Set.of(String.valueOf(claims.getOrDefault("scp", "")).split(" "));
        boolean admin = DemoGraph.DIRECTORY_ADMINS.contains(String.valueOf(claims.get("oid")));
        if (write ? !(admin && kind.write.stream().anyMatch(scp::contains))
                : kind.read.stream().noneMatch(scp::contains) && kind.write.stream().noneMatch(scp::contains)) {
            GraphAnswers.error(exchange, 403, "Authorization_RequestDenied", DENIED);
            return;
        }
        if (write) {
            writes.incrementAndGet();
            if (failWriteIn.get() > 0 && failWriteIn.decrementAndGet() == 0) {
                GraphAnswers.error(exchange, 500, "generalException", "An internal server error occurred.");
                return;
            }
        }
        DirectoryObjects dir = directory(String.valueOf(claims.get("tid")));
        synchronized (dir) {
            new Exchange(exchange, dir, method, path.split("/"), body, query(exchange, "$filter")).route();
        }
    }

    private static Optional<String> query(HttpExchange exchange, String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        return raw == null ? Optional.empty() : Arrays.stream(raw.split("&"))
                .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8))
                .filter(p -> p.startsWith(name + "=")).map(p -> p.substring(name.length() + 1)).findFirst();
    }

    private enum Kind {
        APPLICATIONS(List.of("Application.Read.All", "Directory.Read.All"),
                List.of("Application.ReadWrite.All", "Directory.ReadWrite.All")),
        GRANTS(List.of("Directory.Read.All"), List.of("DelegatedPermissionGrant.ReadWrite.All")),
        GROUPS(List.of("Group.Read.All", "Directory.Read.All"),
                List.of("Group.ReadWrite.All", "Directory.ReadWrite.All"));

        final List<String> read;
        final List<String> write;

        Kind(List<String> read, List<String> write) {
            this.read = read;
            this.write = write;
        }

        static Kind of(String path) {
            return path.startsWith("oauth2PermissionGrants") ? GRANTS : path.startsWith("groups") ? GROUPS
                    : APPLICATIONS;
        }
    }

    /** One request against one directory (called with the directory locked). */
    private record Exchange(HttpExchange http, DirectoryObjects dir, String method, String[] segments, JsonNode body,
                            Optional<String> filter) {

        void route() throws IOException {
            Matcher keyed = KEYED.matcher(segments[0]);
            String collection = keyed.matches() ? keyed.group(1) : segments[0];
            switch (collection) {
                case "applications" -> applications(keyed.matches() ? keyed : null);
                case "servicePrincipals" -> servicePrincipals(keyed.matches() ? keyed : null);
                case "oauth2PermissionGrants" -> grants();
                case "groups" -> groups();
                default -> badSegment();
            }
        }

        private void applications(Matcher keyed) throws IOException {
            if (keyed == null && segments.length == 1) {
                badSegment();
                return;
            }
            Optional<ObjectNode> app = keyed == null ? Optional.ofNullable(dir.applications.get(segments[1]))
                    : dir.applications.values().stream()
                    .filter(a -> keyed.group(3).equals(a.path(keyed.group(2)).asText())).findFirst();
            int rest = keyed == null ? 2 : 1;
            if (segments.length == rest) {
                applicationItself(app, keyed);
                return;
            }
            if (app.isEmpty()) {
                notFound(keyed == null ? segments[1] : keyed.group(3));
                return;
            }
            String action = segments[rest];
            switch (method + " " + action) {
                case "POST addPassword" -> addPassword(app.get());
                case "POST removePassword" -> removePassword(app.get());
                default -> {
                    if (action.equals("federatedIdentityCredentials")) {
                        federated(app.get(), segments.length > rest + 1 ? segments[rest + 1] : null);
                    } else {
                        badSegment();
                    }
                }
            }
        }

        private void applicationItself(Optional<ObjectNode> app, Matcher keyed) throws IOException {
            switch (method) {
                case "GET" -> {
                    if (app.isPresent()) {
                        GraphAnswers.json(http, 200, app.get());
                    } else {
                        notFound(keyed == null ? segments[1] : keyed.group(3));
                    }
                }
                case "PATCH" -> {
                    boolean upsert = keyed != null && "uniqueName".equals(keyed.group(2))
                            && String.valueOf(http.getRequestHeaders().getFirst("Prefer")).contains("create-if-missing");
                    if (app.isEmpty() && !upsert) {
                        notFound(keyed == null ? segments[1] : keyed.group(3));
                        return;
                    }
                    ObjectNode target = app.orElseGet(() -> newApplication(keyed.group(3)));
                    Optional<String> problem = ApplicationRules.problem(target, body);
                    if (problem.isPresent()) {
                        GraphAnswers.error(http, 400, problem.get().split(":")[0],
                                problem.get().substring(problem.get().indexOf(':') + 1).strip());
                        return;
                    }
                    ApplicationRules.merge(target, (ObjectNode) body);
                    if (app.isEmpty()) {
                        dir.applications.put(target.get("id").asText(), target);
                        GraphAnswers.json(http, 201, target);
                    } else {
                        GraphAnswers.noContent(http);
                    }
                }
                case "DELETE" -> {
                    if (app.isEmpty()) {
                        notFound(segments[0]);
                        return;
                    }
                    dir.applications.remove(app.get().get("id").asText());
                    GraphAnswers.noContent(http);
                }
                default -> badSegment();
            }
        }

        private ObjectNode newApplication(String uniqueName) {
            ObjectNode app = DirectoryObjects.JSON.createObjectNode();
            app.put("id", UUID.randomUUID().toString());
            app.put("appId", UUID.randomUUID().toString());
            app.put("uniqueName", uniqueName);
            app.put("displayName", uniqueName);
            app.put("signInAudience", "AzureADMyOrg");
            app.putArray("identifierUris");
            ObjectNode api = app.putObject("api");
            api.putNull("requestedAccessTokenVersion");
            api.putArray("oauth2PermissionScopes");
            app.putObject("web").putArray("redirectUris");
            app.putArray("requiredResourceAccess");
            app.putArray("passwordCredentials");
            app.put("createdDateTime", Instant.now().toString());
            return app;
        }

        private void addPassword(ObjectNode app) throws IOException {
            JsonNode requested = body.path("passwordCredential");
            String end = requested.path("endDateTime").asText("");
            Instant endAt;
            try {
                endAt = end.isEmpty() ? Instant.now().plus(java.time.Duration.ofDays(730)) : Instant.parse(end);
            } catch (java.time.format.DateTimeParseException e) {
                GraphAnswers.error(http, 400, "Request_BadRequest", "Invalid value specified for property"
                        + " 'endDateTime' of resource 'PasswordCredential'.");
                return;
            }
            String secret = "s~" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString()
                    .replace("-", "").substring(0, 6);
            ObjectNode stored = DirectoryObjects.JSON.createObjectNode();
            stored.put("keyId", UUID.randomUUID().toString());
            stored.put("displayName", requested.path("displayName").asText(""));
            stored.put("hint", secret.substring(0, 3));
            stored.put("startDateTime", Instant.now().toString());
            stored.put("endDateTime", endAt.toString());
            stored.putNull("secretText");
            ((ArrayNode) app.withArray("passwordCredentials")).add(stored);
            ObjectNode answer = stored.deepCopy();
            answer.put("secretText", secret);
            GraphAnswers.json(http, 200, answer);
        }

        private void removePassword(ObjectNode app) throws IOException {
            String keyId = body.path("keyId").asText("");
            ArrayNode creds = app.withArray("passwordCredentials");
            for (int i = 0; i < creds.size(); i++) {
                if (creds.get(i).path("keyId").asText().equals(keyId)) {
                    creds.remove(i);
                    GraphAnswers.noContent(http);
                    return;
                }
            }
            notFound(keyId);
        }

        private void federated(ObjectNode app, String ficId) throws IOException {
            List<ObjectNode> list = dir.federated.computeIfAbsent(app.get("id").asText(),
                    k -> new java.util.ArrayList<>());
            if (ficId == null && "GET".equals(method)) {
                GraphAnswers.json(http, 200, Map.of("value", list));
                return;
            }
            if (ficId == null && "POST".equals(method)) {
                String name = body.path("name").asText("");
                if (name.isEmpty() || name.length() > 120 || body.path("issuer").asText("").isEmpty()
                        || body.path("subject").asText("").isEmpty() || !body.path("audiences").isArray()) {
                    GraphAnswers.error(http, 400, "Request_BadRequest",
                            "name (1 to 120 characters), issuer, subject and audiences are required.");
                    return;
                }
                if (list.stream().anyMatch(f -> f.path("name").asText().equals(name))) {
                    GraphAnswers.error(http, 409, "Request_MultipleObjectsWithSameKeyValue",
                            "FederatedIdentityCredential with name " + name + " already exists.");
                    return;
                }
                ObjectNode fic = ((ObjectNode) body.deepCopy()).put("id", UUID.randomUUID().toString());
                list.add(fic);
                GraphAnswers.json(http, 201, fic);
                return;
            }
            Optional<ObjectNode> fic = list.stream().filter(f -> f.path("id").asText().equals(ficId)
                    || f.path("name").asText().equals(ficId)).findFirst();
            if (fic.isEmpty()) {
                notFound(String.valueOf(ficId));
            } else if ("PATCH".equals(method)) {
                body.fields().forEachRemaining(e -> {
                    if (!e.getKey().equals("id") && !e.getKey().equals("name")) {
                        fic.get().set(e.getKey(), e.getValue());
                    }
                });
                GraphAnswers.noContent(http);
            } else if ("DELETE".equals(method)) {
                list.remove(fic.get());
                GraphAnswers.noContent(http);
            } else {
                GraphAnswers.json(http, 200, fic.get());
            }
        }

        private void servicePrincipals(Matcher keyed) throws IOException {
            if (keyed != null && "GET".equals(method) && segments.length == 1) {
                Optional<ObjectNode> sp = dir.servicePrincipal(keyed.group(3));
                if (sp.isPresent()) {
                    GraphAnswers.json(http, 200, sp.get());
                } else {
                    notFound(keyed.group(3));
                }
            } else if (keyed == null && segments.length == 1 && "POST".equals(method)) {
                String appId = body.path("appId").asText("");
                if (dir.application(appId).isEmpty()) {
                    GraphAnswers.error(http, 400, "Request_BadRequest",
                            "The appId '" + appId + "' of the service principal does not reference a valid application object.");
                } else if (dir.servicePrincipal(appId).isPresent()) {
                    GraphAnswers.error(http, 409, "Request_MultipleObjectsWithSameKeyValue",
                            "Another object with the same value for property appId already exists.");
                } else {
                    ObjectNode sp = DirectoryObjects.JSON.createObjectNode().put("id", UUID.randomUUID().toString())
                            .put("appId", appId).put("displayName",
                                    dir.application(appId).get().path("displayName").asText());
                    dir.servicePrincipals.put(sp.get("id").asText(), sp);
                    GraphAnswers.json(http, 201, sp);
                }
            } else {
                badSegment();
            }
        }

        private void grants() throws IOException {
            if (segments.length == 1 && "GET".equals(method)) {
                Optional<String> clientId = filter.flatMap(f -> equality(f, "clientId"));
                GraphAnswers.json(http, 200, Map.of("value", dir.grantsById.values().stream()
                        .filter(g -> clientId.isEmpty() || clientId.get().equals(g.path("clientId").asText()))
                        .toList()));
            } else if (segments.length == 1 && "POST".equals(method)) {
                String client = body.path("clientId").asText("");
                String resource = body.path("resourceId").asText("");
                if (!dir.servicePrincipals.containsKey(client) || !dir.servicePrincipals.containsKey(resource)) {
                    GraphAnswers.error(http, 400, "Request_BadRequest",
                            "clientId and resourceId must be service principals of this directory.");
                    return;
                }
                ObjectNode grant = ((ObjectNode) body.deepCopy()).put("id", UUID.randomUUID().toString()
                        .replace("-", ""));
                dir.grantsById.put(grant.get("id").asText(), grant);
                GraphAnswers.json(http, 201, grant);
            } else if (segments.length == 2 && dir.grantsById.containsKey(segments[1])) {
                if ("PATCH".equals(method)) {
                    dir.grantsById.get(segments[1]).put("scope", body.path("scope").asText(""));
                } else if ("DELETE".equals(method)) {
                    dir.grantsById.remove(segments[1]);
                }
                GraphAnswers.noContent(http);
            } else {
                notFound(segments.length > 1 ? segments[1] : "");
            }
        }

        private void groups() throws IOException {
            if (segments.length == 1 && "GET".equals(method)) {
                Optional<String> nickname = filter.flatMap(f -> equality(f, "mailNickname"));
                GraphAnswers.json(http, 200, Map.of("value", dir.groups.values().stream()
                        .filter(g -> nickname.isEmpty() || nickname.get().equals(g.path("mailNickname").asText()))
                        .toList()));
            } else if (segments.length == 1 && "POST".equals(method)) {
                if (body.path("displayName").asText("").isEmpty() || body.path("mailNickname").asText("").isEmpty()) {
                    GraphAnswers.error(http, 400, "Request_BadRequest", "displayName and mailNickname are required.");
                    return;
                }
                ObjectNode group = ((ObjectNode) body.deepCopy()).put("id", UUID.randomUUID().toString());
                dir.groups.put(group.get("id").asText(), group);
                GraphAnswers.json(http, 201, group);
            } else if (segments.length == 2 && "GET".equals(method) && dir.groups.containsKey(segments[1])) {
                GraphAnswers.json(http, 200, dir.groups.get(segments[1]));
            } else {
                notFound(segments.length > 1 ? segments[1] : "");
            }
        }

        private static Optional<String> equality(String filter, String property) {
            Matcher m = Pattern.compile(property + " eq '([^']*)'").matcher(filter);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        private void notFound(String id) throws IOException {
            GraphAnswers.error(http, 404, "Request_ResourceNotFound",
                    "Resource '" + id + "' does not exist or one of its queried reference-property objects are not present.");
        }

        private void badSegment() throws IOException {
            GraphAnswers.error(http, 400, "BadRequest",
                    "Resource not found for the segment '" + String.join("/", segments) + "'.");
        }
    }

    /** Reads a JSON request body; an empty body is an empty object. */
    static JsonNode body(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        return bytes.length == 0 ? DirectoryObjects.JSON.createObjectNode() : DirectoryObjects.JSON.readTree(bytes);
    }
}
