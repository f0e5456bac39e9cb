package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.server.admin.http.Access;
import io.mcpplatform.server.admin.http.AdminRoute;
import io.mcpplatform.server.oauth.token.AccessTokenIssuer;
import io.mcpplatform.server.oauth.token.RefreshGrant;
import io.mcpplatform.server.oauth.token.TokenSubject;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.store.UserScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API over real HTTP on the admin socket of the whole platform (embedded PostgreSQL, stand-in Entra minting
 * operator and tenant-admin tokens with app roles).
 */
class AdminApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ADMIN = List.of("Tenant.Admin");
    @TempDir
    static Path dir;
    static RunningPlatform running;

    @BeforeAll
    static void start() {
        running = RunningPlatform.start(dir);
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    // ---- callers ----

    private static String entraToken(String tid, String clientId, List<String> roles, Duration lifetime) {
        var user = tid.equals(DemoDirectories.DEMO_TID) ? DemoDirectories.ALICE : DemoDirectories.CAROL;
        return "Bearer " + running.entra.standIn().appRoleToken(tid, user, clientId, roles, lifetime);
    }

    /** Every caller of the matrix and its Authorization header (null: none). */
    private static Map<String, String> callers() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("operator-key", "ApiKey " + RunningPlatform.ADMIN_KEY);
        c.put("operator-token", entraToken(DemoDirectories.DEMO_TID, DemoDirectories.PLATFORM_CLIENT_ID,
                List.of("Platform.Admin"), Duration.ofMinutes(10)));
        c.put("demo-admin", entraToken(DemoDirectories.DEMO_TID, DemoDirectories.DEMO_CLIENT_ID, ADMIN,
                Duration.ofMinutes(10)));
        c.put("contoso-admin", entraToken(DemoDirectories.CONTOSO_TID, DemoDirectories.CONTOSO_CLIENT_ID, ADMIN,
                Duration.ofMinutes(10)));
        c.put("none", null);
        c.put("wrong-role", entraToken(DemoDirectories.DEMO_TID, DemoDirectories.DEMO_CLIENT_ID, List.of("Reader"),
                Duration.ofMinutes(10)));
        c.put("operator-app-without-role", entraToken(DemoDirectories.DEMO_TID, DemoDirectories.PLATFORM_CLIENT_ID,
                List.of("Reader"), Duration.ofMinutes(10)));
        c.put("expired", entraToken(DemoDirectories.DEMO_TID, DemoDirectories.DEMO_CLIENT_ID, ADMIN,
                Duration.ofMinutes(-10)));
        c.put("other-app", entraToken(DemoDirectories.DEMO_TID, UUID.randomUUID().toString(), ADMIN,
                Duration.ofMinutes(10)));
        c.put("wrong-key", "ApiKey not-the-key");
        return c;
    }

    /** The status class a caller must get on a route of the demo tenant: "ok" (neither 401 nor 403), 401 or 403. */
    private static String expected(String caller, Access access) {
        if (access == Access.PUBLIC) {
            return "ok";
        }
        return switch (caller) {
            case "operator-key", "operator-token" -> "ok";
            case "demo-admin" -> access == Access.TENANT ? "ok" : "403";
            case "contoso-admin", "wrong-role", "operator-app-without-role" -> "403";
            default -> "401";
        };
    }

    @Test
    void everyRouteWhenCalledByEachCallerThenOnlyTheAllowedOnesGetThrough() {
        List<AdminRoute> routes = running.platform.adminApi().routes();
        assertTrue(routes.size() >= 15, "routes: " + routes.size());
        List<String> failures = new ArrayList<>();
        for (AdminRoute route : routes) {
            String path = route.path().replace("{slug}", route.method().equals("DELETE")
                            && route.path().equals("/admin/v1/tenants/{slug}") ? "no-such-tenant" : "demo")
                    .replace("{clientId}", "no-such-client").replace("{oid}", "no-such-user");
            for (var caller : callers().entrySet()) {
                String expected = expected(caller.getKey(), route.access());
                if (route.path().equals("/admin/v1/tenants/{slug}") && route.method().equals("DELETE")
                        && caller.getKey().equals("demo-admin")) {
                    expected = "403"; // operators only; and on a tenant it does not administer
                }
                HttpRequest.Builder b = HttpRequest.newBuilder(running.admin(path))
                        .header("If-Match", "\"stale\"") // allowed writes stop at 412: the matrix changes nothing
                        .method(route.method(), HttpRequest.BodyPublishers.noBody());
                if (caller.getValue() != null) {
                    b.header("Authorization", caller.getValue());
                }
                HttpResponse<String> res = running.send(b.build());
                String got = res.statusCode() == 401 || res.statusCode() == 403 ? "" + res.statusCode() : "ok";
                if (!got.equals(expected) || res.statusCode() >= 500) {
                    failures.add(route.method() + " " + path + " as " + caller.getKey() + ": " + res.statusCode()
                            + " " + res.body());
                }
                if (res.statusCode() >= 400) {
                    assertEquals("application/problem+json", res.headers().firstValue("Content-Type").orElse(""),
                            route.method() + " " + path + " as " + caller.getKey());
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void openApiWhenComparedWithTheRoutesThenEveryRouteDocumentedAndEveryDocumentedRouteServed() throws Exception {
        JsonNode doc = JSON.readTree(running.get(running.admin("/admin/v1/openapi")).body());
        assertEquals("3.1.0", doc.get("openapi").asText());
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            var path = it.next();
            for (String m : List.of("get", "put", "post", "delete", "patch")) {
                if (path.getValue().has(m)) {
                    documented.add(m.toUpperCase() + " " + path.getKey());
                }
            }
        }
        Set<String> served = new TreeSet<>();
        running.platform.adminApi().routes().forEach(r -> served.add(r.method() + " " + r.path()));
        assertEquals(served, documented);
    }

    // ---- tenants ----

    private static ObjectNode acme(String slug) {
        ObjectNode t = JSON.createObjectNode().put("displayName", "Acme " + slug).put("status", "active");
        ObjectNode entra = t.putObject("entra").put("tenantId", DemoDirectories.DEMO_TID)
                .put("clientId", DemoDirectories.DEMO_CLIENT_ID);
        entra.putObject("credential").put("type", "secret").put("secret", "s3cret-value-" + slug);
        t.putObject("graph").putArray("scopes").add("User.Read");
        ObjectNode clients = t.putObject("clients").put("dynamicRegistration", true).put("metadataDocuments", false);
        clients.putArray("preRegistered").addObject().put("clientId", "acme-cli").put("clientName", "Acme CLI")
                .putArray("redirectUris").add("http://127.0.0.1:33418/callback");
        t.putArray("toolPacks").add("echo");
        t.put("mcpMode", "stateful");
        t.putObject("limits").put("requestsPerSecond", 50).put("sessions", 20).putNull("clients");
        return t;
    }

    private static HttpResponse<String> call(String method, String path, String auth, String body,
                                             Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(running.admin(path)).header("Authorization", auth)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return running.send(b.build());
    }

    private static HttpResponse<String> operator(String method, String path, Object body) {
        return call(method, path, "ApiKey " + RunningPlatform.ADMIN_KEY, body == null ? null : body.toString(), Map.of());
    }

    @Test
    void putWhenRepeatedThenCreatedOnceSameEtagAndSecretNeverShown() throws Exception {
        HttpResponse<String> created = operator("PUT", "/admin/v1/tenants/acme-one", acme("one"));
        assertEquals(201, created.statusCode(), created.body());
        String etag = created.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = operator("PUT", "/admin/v1/tenants/acme-one", acme("one"));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
        HttpResponse<String> read = operator("GET", "/admin/v1/tenants/acme-one", null);
        assertEquals(200, read.statusCode());
        assertFalse(read.body().contains("s3cret-value"), read.body());
        JsonNode json = JSON.readTree(read.body());
        assertTrue(json.at("/entra/credential/stored").asBoolean(), read.body());
        assertEquals("acme-cli", json.at("/clients/preRegistered/0/clientId").asText());
        assertEquals(50, json.at("/limits/requestsPerSecond").asInt());
        // the read-back document (credential without its value) is accepted and changes nothing
        HttpResponse<String> roundTrip = call("PUT", "/admin/v1/tenants/acme-one", "ApiKey " + RunningPlatform.ADMIN_KEY,
                json.toString().replace("\"stored\":true", "\"stored\":true"), Map.of());
        assertEquals(400, roundTrip.statusCode(), "stored is not an input field: " + roundTrip.body());
        ObjectNode back = acme("one");
        ((ObjectNode) back.at("/entra/credential")).remove("secret");
        assertEquals(200, operator("PUT", "/admin/v1/tenants/acme-one", back).statusCode());
        assertEquals(etag, operator("GET", "/admin/v1/tenants/acme-one", null).headers().firstValue("ETag").orElseThrow());
        HttpResponse<String> audit = operator("GET", "/admin/v1/tenants/acme-one/audit?action=admin.tenant.*", null);
        assertEquals(200, audit.statusCode(), audit.body());
        JsonNode items = JSON.readTree(audit.body()).get("items");
        assertEquals(1, items.size(), audit.body());
        assertEquals("admin.tenant.created", items.get(0).get("action").asText());
        assertEquals("operator:bootstrap-key", items.get(0).at("/detail/actor").asText());
        assertFalse(audit.body().contains("s3cret") || audit.body().contains(RunningPlatform.ADMIN_KEY), audit.body());
    }

    @Test
    void putWhenIfMatchStaleThen412AndNothingChanged() throws Exception {
        HttpResponse<String> created = operator("PUT", "/admin/v1/tenants/acme-two", acme("two"));
        String etag = created.headers().firstValue("ETag").orElseThrow();
        ObjectNode changed = acme("two").put("displayName", "Changed");
        HttpResponse<String> first = call("PUT", "/admin/v1/tenants/acme-two", "ApiKey " + RunningPlatform.ADMIN_KEY,
                changed.toString(), Map.of("If-Match", etag));
        assertEquals(200, first.statusCode(), first.body());
        String newEtag = first.headers().firstValue("ETag").orElseThrow();
        assertNotEquals(etag, newEtag);
        HttpResponse<String> stale = call("PUT", "/admin/v1/tenants/acme-two", "ApiKey " + RunningPlatform.ADMIN_KEY,
                acme("two").put("displayName", "Lost update").toString(), Map.of("If-Match", etag));
        assertEquals(412, stale.statusCode(), stale.body());
        assertEquals("application/problem+json", stale.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("Changed", JSON.readTree(operator("GET", "/admin/v1/tenants/acme-two", null).body())
                .get("displayName").asText());
        HttpResponse<String> create = call("PUT", "/admin/v1/tenants/acme-two", "ApiKey " + RunningPlatform.ADMIN_KEY,
                acme("two").toString(), Map.of("If-None-Match", "*"));
        assertEquals(412, create.statusCode());
    }

    @Test
    void putWhenAFieldIsBadThen400NamingItAndNothingStored() throws Exception {
        Map<String, Consumer<ObjectNode>> cases = new LinkedHashMap<>();
        cases.put("displayName", t -> t.put("displayName", ""));
        cases.put("status", t -> t.put("status", "paused"));
        cases.put("entra.tenantId", t -> ((ObjectNode) t.get("entra")).put("tenantId", "not-a-guid"));
        cases.put("entra.clientId", t -> ((ObjectNode) t.get("entra")).remove("clientId"));
        cases.put("entra.authority", t -> ((ObjectNode) t.get("entra")).put("authority", "http://login.example"));
        cases.put("entra.credential.type", t -> ((ObjectNode) t.at("/entra/credential")).put("type", "password"));
        cases.put("entra.credential.secret", t -> ((ObjectNode) t.at("/entra/credential")).put("secret", ""));
        cases.put("entra.credential.pem", t -> ((ObjectNode) t.at("/entra/credential")).put("type", "certificate")
                .put("pem", "x").remove("secret"));
        cases.put("entra.credential.file", t -> ((ObjectNode) t.at("/entra/credential")).put("type", "federated")
                .put("file", "relative/path").remove("secret"));
        cases.put("graph.scopes", t -> ((ObjectNode) t.get("graph")).putArray("scopes"));
        cases.put("graph.scopes[0]", t -> ((ObjectNode) t.get("graph")).putArray("scopes").add("https://graph.microsoft.com/User.Read"));
        cases.put("graph.adminGroupId", t -> ((ObjectNode) t.get("graph")).put("adminGroupId", "admins"));
        cases.put("clients.dynamicRegistration", t -> ((ObjectNode) t.get("clients")).put("dynamicRegistration", "yes"));
        cases.put("clients.redirectAllowList[0]", t -> ((ObjectNode) t.get("clients")).putArray("redirectAllowList")
                .add("http://evil.example/cb"));
        cases.put("clients.preRegistered[0].redirectUris", t -> ((ObjectNode) t.at("/clients/preRegistered/0"))
                .putArray("redirectUris"));
        cases.put("toolPacks[0]", t -> t.putArray("toolPacks").add("no-such-pack"));
        cases.put("mcpMode", t -> t.put("mcpMode", "chatty"));
        cases.put("limits.requestsPerSecond", t -> ((ObjectNode) t.get("limits")).put("requestsPerSecond", 0));
        cases.put("limits.sessions", t -> ((ObjectNode) t.get("limits")).put("sessions", 2_000_000));
        cases.put("limits.clients", t -> ((ObjectNode) t.get("limits")).put("clients", "many"));
        cases.put("unexpected", t -> t.put("unexpected", 1));
        List<String> failures = new ArrayList<>();
        for (var c : cases.entrySet()) {
            ObjectNode body = acme("bad");
            c.getValue().accept(body);
            HttpResponse<String> res = operator("PUT", "/admin/v1/tenants/acme-bad", body);
            String field = res.statusCode() == 400 ? JSON.readTree(res.body()).path("field").asText() : "";
            if (res.statusCode() != 400 || !field.equals(c.getKey())) {
                failures.add(c.getKey() + ": " + res.statusCode() + " " + res.body());
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(400, operator("PUT", "/admin/v1/tenants/Bad_Slug", acme("bad")).statusCode());
        assertEquals(404, operator("GET", "/admin/v1/tenants/acme-bad", null).statusCode());
    }

    @Test
    void disableWhenDoneThenTheMcpEndpointAnswers404WithoutRestartAndEnableBringsItBack() throws Exception {
        assertEquals(201, operator("PUT", "/admin/v1/tenants/acme-live", acme("live")).statusCode());
        assertEquals(401, awaitStatus("acme-live", 401), "a sign-in tenant answers 401 without a token");
        assertEquals(200, operator("POST", "/admin/v1/tenants/acme-live/disable", null).statusCode());
        assertEquals(404, awaitStatus("acme-live", 404));
        assertEquals(200, operator("POST", "/admin/v1/tenants/acme-live/enable", null).statusCode());
        assertEquals(401, awaitStatus("acme-live", 401));
    }

    private static int awaitStatus(String slug, int wanted) throws InterruptedException {
        int status = -1;
        for (int i = 0; i < 100 && status != wanted; i++) {
            status = running.initialize(slug).statusCode();
            if (status != wanted) {
                Thread.sleep(100);
            }
        }
        return status;
    }

    // ---- revocation and erasure ----

    /** A platform access token for the user issued with a refresh-token family, as the token endpoint does. */
    private static String[] tokens(Tenant tenant, String oid, String clientId) {
        var back = running.platform.authorizationServer().tokens();
        AccessTokenIssuer issuer = back.accessTokenIssuer();
        String jti = AccessTokenIssuer.newJti();
        Instant exp = issuer.expiryFromNow();
        TokenSubject subject = new TokenSubject(DemoDirectories.DEMO_TID, oid, "User " + oid, oid + "@demo.example");
        String access = issuer.issue(tenant, subject, clientId, Set.of("mcp:tools"), jti, exp);
        String refresh = back.refreshTokens().startFamily(tenant.id(), null,
                new RefreshGrant(UUID.randomUUID(), clientId, subject, Set.of("mcp:tools"), null), jti, exp);
        return new String[]{access, refresh};
    }

    private static int refresh(String slug, String refreshToken, String clientId) {
        String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)
                + "&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8);
        return running.send(HttpRequest.newBuilder(running.publicUrl("/t/" + slug + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build()).statusCode();
    }

    private Tenant createdTenant(String slug) {
        assertEquals(201, operator("PUT", "/admin/v1/tenants/" + slug, acme(slug.replace("acme-", ""))).statusCode());
        running.platform.refreshTenants();
        return running.platform.tenantRepository().findBySlug(slug).orElseThrow();
    }

    @Test
    void clientRevokeWhenAccessTokenAlreadyUsedThenRefusedAtOnceAndRefreshToo() {
        Tenant tenant = createdTenant("acme-rev");
        String[] t = tokens(tenant, "user-one", "acme-cli");
        assertEquals(200, running.initialize("acme-rev", t[0]).statusCode(), "used once: now in the verified cache");
        HttpResponse<String> revoke = call("POST", "/admin/v1/tenants/acme-rev/clients/acme-cli/revoke",
                entraToken(DemoDirectories.DEMO_TID, DemoDirectories.DEMO_CLIENT_ID, ADMIN, Duration.ofMinutes(5)),
                null, Map.of());
        assertEquals(200, revoke.statusCode(), revoke.body());
        assertEquals(401, running.initialize("acme-rev", t[0]).statusCode());
        assertEquals(401, refresh("acme-rev", t[1], "acme-cli"), "a revoked client is invalid_client");
    }

    @Test
    void userRevokeWhenAccessTokenAlreadyUsedThenRefusedAtOnceAndOtherUsersUnaffected() {
        Tenant tenant = createdTenant("acme-usr");
        String[] one = tokens(tenant, "user-one", "acme-cli");
        String[] two = tokens(tenant, "user-two", "acme-cli");
        assertEquals(200, running.initialize("acme-usr", one[0]).statusCode());
        assertEquals(200, running.initialize("acme-usr", two[0]).statusCode());
        assertEquals(200, operator("POST", "/admin/v1/tenants/acme-usr/users/user-one/revoke", null).statusCode());
        assertEquals(401, running.initialize("acme-usr", one[0]).statusCode());
        assertEquals(400, refresh("acme-usr", one[1], "acme-cli"));
        assertEquals(200, running.initialize("acme-usr", two[0]).statusCode());
        assertEquals(200, refresh("acme-usr", two[1], "acme-cli"));
    }

    private static long rowsOf(UUID tenantId, String oid) {
        String sql = "select (select count(*) from consents where tenant_id = :t and user_oid = :o)"
                + " + (select count(*) from refresh_tokens where tenant_id = :t and user_oid = :o)"
                + " + (select count(*) from authorization_codes where tenant_id = :t and user_oid = :o)"
                + " + (select count(*) from platform_users where tenant_id = :t and oid = :o)"
                + " + (select count(*) from upstream_tokens where tenant_id = :t and user_oid = :o)"
                + " + (select count(*) from obo_token_cache where tenant_id = :t and user_oid = :o)"
                + " + (select count(*) from audit_log where tenant_id = :t and actor_oid = :o)";
        return running.platform.database().inTransaction(s -> UserScope.apply(s, tenantId, oid)
                .chain(() -> s.createNativeQuery(sql, Long.class).setParameter("t", tenantId).setParameter("o", oid)
                        .getSingleResult()));
    }

    @Test
    void eraseUserWhenDoneThenNoRowOfTheUserLeftAndOtherUsersIntact() {
        Tenant tenant = createdTenant("acme-era");
        tokens(tenant, "user-one", "acme-cli");
        tokens(tenant, "user-two", "acme-cli");
        var consents = running.platform.authorizationServer().consents();
        consents.grant(tenant.id(), "user-one", "acme-cli", Set.of("mcp:tools"), Instant.now());
        consents.grant(tenant.id(), "user-two", "acme-cli", Set.of("mcp:tools"), Instant.now());
        running.platform.flushAudit();
        assertTrue(rowsOf(tenant.id(), "user-one") >= 2);
        long before = rowsOf(tenant.id(), "user-two");
        HttpResponse<String> erased = operator("DELETE", "/admin/v1/tenants/acme-era/users/user-one", null);
        assertEquals(200, erased.statusCode(), erased.body());
        assertEquals(0, rowsOf(tenant.id(), "user-one"));
        assertEquals(before, rowsOf(tenant.id(), "user-two"));
    }

    @Test
    void deleteTenantWhenDoneThenEndpointGoneAndNoRowsLeft() {
        Tenant tenant = createdTenant("acme-del");
        tokens(tenant, "user-one", "acme-cli");
        assertEquals(204, operator("DELETE", "/admin/v1/tenants/acme-del", null).statusCode());
        assertEquals(404, operator("GET", "/admin/v1/tenants/acme-del", null).statusCode());
        assertEquals(0, rowsOf(tenant.id(), "user-one"));
        long credentials = running.platform.database().inTransaction(s -> s.createNativeQuery(
                        "select set_config('app.tenant_id', :t, true)", String.class)
                .setParameter("t", tenant.id().toString()).getSingleResult()
                .chain(() -> s.createNativeQuery("select count(*) from tenant_credentials", Long.class)
                        .getSingleResult()));
        assertEquals(0, credentials);
    }

    // ---- corners: limits, pre-registered clients ----

    private static String demoAdmin() {
        return entraToken(DemoDirectories.DEMO_TID, DemoDirectories.DEMO_CLIENT_ID, ADMIN, Duration.ofMinutes(5));
    }

    @Test
    void putByTenantAdminWhenLimitsChangedThen403ProblemAndNothingChanged() throws Exception {
        createdTenant("acme-lim");
        HttpResponse<String> before = operator("GET", "/admin/v1/tenants/acme-lim", null);
        String etag = before.headers().firstValue("ETag").orElseThrow();
        ObjectNode raised = acme("lim").put("displayName", "Renamed with the limits");
        ((ObjectNode) raised.get("limits")).put("requestsPerSecond", 5000);
        HttpResponse<String> refused = call("PUT", "/admin/v1/tenants/acme-lim", demoAdmin(), raised.toString(), Map.of());
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(JSON.readTree(refused.body()).get("detail").asText().contains("limits"), refused.body());
        ObjectNode dropped = acme("lim").put("displayName", "Renamed without limits");
        dropped.remove("limits");
        assertEquals(403, call("PUT", "/admin/v1/tenants/acme-lim", demoAdmin(), dropped.toString(), Map.of())
                .statusCode(), "leaving limits out would reset them to the defaults");
        HttpResponse<String> after = operator("GET", "/admin/v1/tenants/acme-lim", null);
        assertEquals(etag, after.headers().firstValue("ETag").orElseThrow());
        assertEquals(before.body(), after.body());
        assertEquals(0, JSON.readTree(operator("GET", "/admin/v1/tenants/acme-lim/audit?action=admin.tenant.updated",
                null).body()).get("items").size());
        // the same limits sent back with another change go through
        HttpResponse<String> renamed = call("PUT", "/admin/v1/tenants/acme-lim", demoAdmin(),
                acme("lim").put("displayName", "Renamed").toString(), Map.of());
        assertEquals(200, renamed.statusCode(), renamed.body());
        assertEquals(50, JSON.readTree(renamed.body()).at("/limits/requestsPerSecond").asInt());
        // operators may change them
        ObjectNode byOperator = acme("lim");
        ((ObjectNode) byOperator.get("limits")).put("requestsPerSecond", 5000);
        assertEquals(200, operator("PUT", "/admin/v1/tenants/acme-lim", byOperator).statusCode());
    }

    private static ObjectNode preRegistered(ObjectNode tenant, String clientId, String redirect) {
        ObjectNode c = ((com.fasterxml.jackson.databind.node.ArrayNode) tenant.at("/clients/preRegistered")).addObject();
        c.put("clientId", clientId).put("clientName", clientId).putArray("redirectUris").add(redirect);
        return tenant;
    }

    private static int authorize(String slug, String clientId, String redirect) {
        String query = "response_type=code&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s"
                + "&scope=mcp%3Atools&resource=" + URLEncoder.encode(running.platform.mcpUrl(slug).toString(),
                StandardCharsets.UTF_8);
        return running.get(running.publicUrl("/t/" + slug + "/oauth2/authorize?" + query)).statusCode();
    }

    @Test
    void putWhenPreRegisteredClientsAddedChangedAndRemovedThenTokenAndAuthorizeFollow() throws Exception {
        ObjectNode first = preRegistered(acme("pre"), "acme-old", "http://127.0.0.1:40001/cb");
        assertEquals(201, operator("PUT", "/admin/v1/tenants/acme-pre", first).statusCode());
        running.platform.refreshTenants();
        Tenant tenant = running.platform.tenantRepository().findBySlug("acme-pre").orElseThrow();
        String[] old = tokens(tenant, "user-one", "acme-old");
        String[] cli = tokens(tenant, "user-one", "acme-cli");
        assertEquals(302, authorize("acme-pre", "acme-old", "http://127.0.0.1:40001/cb"));

        ObjectNode second = acme("pre");
        ((ObjectNode) second.at("/clients/preRegistered/0")).putArray("redirectUris").add("http://127.0.0.1:40002/cb");
        preRegistered(second, "acme-new", "http://127.0.0.1:40003/cb");
        HttpResponse<String> put = operator("PUT", "/admin/v1/tenants/acme-pre", second);
        assertEquals(200, put.statusCode(), put.body());
        JsonNode listed = JSON.readTree(operator("GET", "/admin/v1/tenants/acme-pre", null).body())
                .at("/clients/preRegistered");
        assertEquals(2, listed.size(), listed.toString());
        assertEquals("acme-cli", listed.get(0).get("clientId").asText());
        assertEquals("http://127.0.0.1:40002/cb", listed.get(0).at("/redirectUris/0").asText());
        assertEquals("acme-new", listed.get(1).get("clientId").asText());

        assertEquals(401, refresh("acme-pre", old[1], "acme-old"), "a removed client is invalid_client at /token");
        assertEquals(400, authorize("acme-pre", "acme-old", "http://127.0.0.1:40001/cb"), "and unknown at /authorize");
        assertEquals(400, authorize("acme-pre", "acme-cli", "http://127.0.0.1:33418/callback"),
                "a changed client's old redirect URI is refused");
        assertEquals(302, authorize("acme-pre", "acme-cli", "http://127.0.0.1:40002/cb"));
        assertEquals(200, refresh("acme-pre", cli[1], "acme-cli"), "a changed client keeps its sign-ins");
        assertEquals(302, authorize("acme-pre", "acme-new", "http://127.0.0.1:40003/cb"));
        assertEquals(200, refresh("acme-pre", tokens(tenant, "user-two", "acme-new")[1], "acme-new"));
        assertEquals(200, operator("PUT", "/admin/v1/tenants/acme-pre", second).statusCode());
        assertEquals(1, JSON.readTree(operator("GET", "/admin/v1/tenants/acme-pre/audit?action=admin.tenant.updated",
                null).body()).get("items").size(), "the same document again changes nothing");
    }

    @Test
    void rotateKeysWhenDoneThenJwksPublishesTheNewKeyFirstAndOldTokensStillVerify() throws Exception {
        Tenant tenant = createdTenant("acme-key");
        String[] before = tokens(tenant, "user-one", "acme-cli");
        HttpResponse<String> rotated = operator("POST", "/admin/v1/tenants/acme-key/keys/rotate", null);
        assertEquals(200, rotated.statusCode(), rotated.body());
        String kid = JSON.readTree(rotated.body()).get("kid").asText();
        JsonNode jwks = JSON.readTree(running.get(running.publicUrl("/t/acme-key/oauth2/jwks")).body());
        assertEquals(kid, jwks.at("/keys/0/kid").asText());
        assertEquals(2, jwks.get("keys").size());
        assertEquals(200, running.initialize("acme-key", before[0]).statusCode());
    }

    @Test
    void clientSetupWhenAskedThenVsCodeClaudeAndInspectorPointAtTheTenantsMcpUrl() throws Exception {
        HttpResponse<String> res = operator("GET", "/admin/v1/tenants/demo/client-setup", null);
        assertEquals(200, res.statusCode());
        JsonNode json = JSON.readTree(res.body());
        String url = running.platform.mcpUrl("demo").toString();
        assertEquals(url, json.at("/vscode/content/servers/demo/url").asText());
        assertTrue(json.at("/inspector").asText().contains(url));
        assertTrue(json.at("/claude/claudeCode").asText().endsWith(url));
    }

    @Test
    void unknownAdminPathThen404ProblemAndWrongMethodThen405() {
        HttpResponse<String> unknown = operator("GET", "/admin/v1/nothing-here", null);
        assertEquals(404, unknown.statusCode());
        assertEquals("application/problem+json", unknown.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> wrong = operator("PATCH", "/admin/v1/tenants/demo", null);
        assertEquals(405, wrong.statusCode());
    }
}
