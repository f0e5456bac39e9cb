package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.devstack.AttackTally.Verdict;
import io.mcpplatform.server.admin.http.Access;
import io.mcpplatform.server.admin.http.AdminRoute;
import org.junit.jupiter.api.DynamicNode;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API cases of the isolation matrix for one ordered pair: the administrator of tenant {@code a} (an Entra
 * token with app role {@code Tenant.Admin} for a's app) against tenant {@code b}, over every route the router serves.
 * A route naming b (by slug, by tenant id, by a case or encoding variant, with a's paging, with b's ETag and
 * document) is refused with exactly 403 {@code forbidden} (the same answer as for a tenant that does not exist); a
 * b identifier under a's own slug is answered as unknown to a (a client: 404 {@code not-found}; a user oid: revoked
 * or erased with zero rows, since a user oid is a's namespace too); platform-wide routes are 403; a's own answers
 * (filters naming b included) carry only a's data. Every case also proves that nothing of b changed.
 */
final class AdminIsolation {
    private static final String PROBLEM = "urn:mcp-platform:admin:problem:";

    private final IsolationWorld w;
    private final IsolationTenant a;
    private final IsolationTenant b;
    private final List<AdminRoute> routes;

    AdminIsolation(IsolationWorld w, IsolationTenant a, IsolationTenant b) {
        this.w = w;
        this.a = a;
        this.b = b;
        this.routes = w.running().platform.adminApi().routes();
    }

    /** Cases that read or are refused: run first (no case before them writes into a's audit log). */
    List<DynamicNode> refusalsAndOwnReads() {
        List<DynamicNode> cases = new ArrayList<>();
        for (AdminRoute route : routes) {
            String label = route.method() + " " + route.path();
            if (route.access() == Access.PUBLIC) {
                cases.add(w.tally().test("admin-public", label, () -> own(route.path())));
                continue;
            }
            if (!route.path().contains("{slug}")) {
                for (String query : List.of("", "?tenant=" + b.id(), "?actor=" + b.home().user().oid(),
                        "?action=admin.tenant.*&limit=1&offset=1")) {
                    cases.add(w.tally().test("admin-platform-route", label + query,
                            () -> refused(route, route.path() + query, 403, "forbidden")));
                }
                continue;
            }
            Map<String, String> slugs = new LinkedHashMap<>();
            slugs.put("by slug", b.slug());
            slugs.put("by tenant id", b.id());
            slugs.put("by upper-case slug", b.slug().toUpperCase());
            slugs.put("by percent-encoded slug", "%" + Integer.toHexString(b.slug().charAt(0)) + b.slug().substring(1));
            for (var s : slugs.entrySet()) {
                String path = fill(route.path(), s.getValue(), b.home().clientId(), b.home().user().oid());
                cases.add(w.tally().test("admin-other-tenant", label + " " + s.getKey(),
                        () -> refused(route, path, 403, "forbidden")));
            }
            if (route.method().equals("GET")) {
                String path = fill(route.path(), b.slug(), b.home().clientId(), b.home().user().oid());
                cases.add(w.tally().test("admin-other-tenant", label + " with a's paging",
                        () -> refused(route, path + "?limit=1&offset=1", 403, "forbidden")));
                if (!route.path().contains("{clientId}") && !route.path().contains("{oid}")) {
                    String mine = fill(route.path(), a.slug(), "", "");
                    cases.add(w.tally().test("admin-own-scope", label + " at a", () -> own(mine)));
                }
            }
            if (route.path().contains("{clientId}")) {
                String path = fill(route.path(), a.slug(), b.home().clientId(), "");
                cases.add(w.tally().test("admin-other-tenant-id-under-own-slug", label + " b's client id",
                        () -> refused(route, path, 404, "not-found")));
            }
        }
        String audit = "/admin/v1/tenants/" + a.slug() + "/audit";
        for (String oid : exclusiveOids()) {
            cases.add(w.tally().test("admin-audit-filter", "actor=b's user",
                    () -> ownAudit(audit + "?actor=" + oid, true)));
        }
        cases.add(w.tally().test("admin-audit-filter", "tenant=b's id (not a filter: a's entries only)",
                () -> ownAudit(audit + "?tenant=" + b.id() + "&tenant_id=" + b.id(), false)));
        cases.add(w.tally().test("admin-audit-filter", "a's first page",
                () -> ownAudit(audit + "?limit=2&offset=0", false)));
        return cases;
    }

    /** Writes under a's own slug naming b's user oids: run after every read case. */
    List<DynamicNode> writesNamingOtherUsers() {
        List<DynamicNode> cases = new ArrayList<>();
        for (AdminRoute route : routes) {
            if (!route.path().contains("{oid}")) {
                continue;
            }
            for (String oid : exclusiveOids()) {
                String path = fill(route.path(), a.slug(), "", oid);
                cases.add(w.tally().test("admin-other-user-under-own-slug", route.method() + " " + route.path()
                        + " b's user", () -> zeroRows(route, path)));
            }
        }
        return cases;
    }

    /** b's user oids that are not a's (tenants of one directory share users; those oids are a's as much). */
    private List<String> exclusiveOids() {
        return b.oids().stream().filter(o -> !a.oids().contains(o)).toList();
    }

    private static String fill(String template, String slug, String clientId, String oid) {
        return template.replace("{slug}", slug).replace("{clientId}", enc(clientId)).replace("{oid}", enc(oid));
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    /** The request as sent by a's administrator: b's document and ETag on writes. */
    private HttpResponse<String> send(AdminRoute route, String path) {
        HttpResponse<String> doc = w.operatorRead(b);
        String etag = doc.headers().firstValue("ETag").orElseThrow();
        String body = route.method().equals("PUT") ? doc.body() : null;
        return w.admin(route.method(), path, a.adminToken(), body, "If-Match", etag);
    }

    private Verdict refused(AdminRoute route, String path, int status, String type) throws Exception {
        HttpResponse<String> res = w.unchangedFor(b, () -> send(route, path));
        List<String> leaks = IsolationTenant.leaks(res.body() + res.headers().map(), b, a, path);
        return Verdict.of(res.statusCode() / 100 == 2 || !leaks.isEmpty(), res.statusCode() + " leaks=" + leaks
                + " " + res.body(), () -> problem(res, status, type));
    }

    private Verdict own(String path) throws Exception {
        HttpResponse<String> res = w.unchangedFor(b, () -> w.admin("GET", path, a.adminToken(), null));
        List<String> leaks = IsolationTenant.leaks(res.body(), b, a, path);
        return Verdict.of(!leaks.isEmpty(), "leaks=" + leaks + " " + res.body(),
                () -> assertEquals(200, res.statusCode(), res.body()));
    }

    private Verdict ownAudit(String path, boolean empty) throws Exception {
        HttpResponse<String> res = w.unchangedFor(b, () -> w.admin("GET", path, a.adminToken(), null));
        List<String> leaks = IsolationTenant.leaks(res.body(), b, a, path);
        JsonNode items = AttackContext.json(res).path("items");
        boolean foreign = false;
        for (JsonNode item : items) {
            foreign |= !a.id().equals(item.path("tenantId").asText());
        }
        boolean leaked = !leaks.isEmpty() || foreign;
        return Verdict.of(leaked, "leaks=" + leaks + " " + res.body(), () -> {
            assertEquals(200, res.statusCode(), res.body());
            assertEquals(empty, items.isEmpty(), res.body());
        });
    }

    private Verdict zeroRows(AdminRoute route, String path) throws Exception {
        HttpResponse<String> res = w.unchangedFor(b, () -> w.admin(route.method(), path, a.adminToken(), null));
        List<String> leaks = IsolationTenant.leaks(res.body(), b, a, path);
        JsonNode json = AttackContext.json(res);
        long rows = 0;
        for (String counter : List.of("consentsRevoked", "refreshTokensRevoked")) {
            rows += json.path(counter).asLong();
        }
        for (JsonNode n : json.path("erased")) {
            rows += n.asLong();
        }
        long affected = rows;
        return Verdict.of(!leaks.isEmpty() || affected != 0, "rows=" + affected + " leaks=" + leaks + " "
                + res.body(), () -> assertEquals(200, res.statusCode(), res.body()));
    }

    private static void problem(HttpResponse<String> res, int status, String type) {
        assertEquals(status, res.statusCode(), res.body());
        assertEquals("application/problem+json", res.headers().firstValue("Content-Type").orElse(""));
        JsonNode json = AttackContext.json(res);
        assertEquals(PROBLEM + type, json.path("type").asText(), res.body());
        assertEquals(status, json.path("status").asInt(), res.body());
        assertTrue(res.headers().firstValue("ETag").isEmpty(), "a refusal carries no ETag");
    }
}
