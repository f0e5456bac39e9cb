package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.entra.DemoUser;
import io.mcpplatform.devstack.graph.DemoGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tenant isolation matrix: three tenants ({@code demo}, {@code contoso}, and {@code fabrikam}, created through the
 * admin API in the demo directory with an app of its own, so two tenants share a directory and its users), each with
 * users signed in through the real flow and expenses stored under distinct markers. For every ordered pair of tenants
 * it generates the admin API cases ({@link AdminIsolation}: every route the router serves) and the tool cases
 * ({@link ToolIsolation}: every tool every user is shown), and per tenant the cases between colleagues. A case that
 * returns any of the other tenant's data or changes any of its rows is a cross-tenant result; the tally
 * ({@code ISOLATION MATRIX: tried=N cross_tenant_results=0 (…)}) is printed as one line, and the last test fails on any
 * cross-tenant result or when fewer cases ran than were generated or than {@value #MINIMUM_CASES}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IsolationMatrixTest {
    static final int MINIMUM_CASES = 600;
    static final String FABRIKAM = "fabrikam";
    static final String FABRIKAM_CLIENT_ID = "fab1ca00-5e1f-4c0d-9a7b-00000000fab1";

    @TempDir
    static Path dir;
    static RunningPlatform running;
    static IsolationWorld world;
    static int generated;

    @BeforeAll
    static void start() {
        DatabaseProbe db = new DatabaseProbe();
        running = RunningPlatform.start(dir, options -> options.withEmbeddedDatabase(db));
        world = new IsolationWorld(new AttackContext(running, db,
                new AttackTally("ISOLATION MATRIX", "cross_tenant_results")));
        createFabrikam();
        add(DemoTenants.DEMO, DemoDirectories.ALICE, DemoDirectories.BOB, DemoDirectories.DEMO_TID,
                DemoDirectories.DEMO_CLIENT_ID, 53611);
        add(DemoTenants.CONTOSO, DemoDirectories.CAROL, DemoDirectories.DAVE, DemoDirectories.CONTOSO_TID,
                DemoDirectories.CONTOSO_CLIENT_ID, 53612);
        add(FABRIKAM, DemoDirectories.BOB, DemoDirectories.ALICE, DemoDirectories.DEMO_TID, FABRIKAM_CLIENT_ID, 53613);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    /** The third tenant, through the admin API as an operator would create it. */
    private static void createFabrikam() {
        ObjectNode t = AttackContext.JSON.createObjectNode().put("displayName", "Fabrikam Isolation")
                .put("status", "active");
        ObjectNode entra = t.putObject("entra").put("tenantId", DemoDirectories.DEMO_TID)
                .put("clientId", FABRIKAM_CLIENT_ID);
        entra.putObject("credential").put("type", "secret").put("secret", "fabrikam-" + UUID.randomUUID());
        ObjectNode graph = t.putObject("graph").put("adminGroupId", DemoGraph.DEMO_ADMIN_GROUP);
        graph.putArray("scopes").add("User.Read").add("GroupMember.Read.All").add("Files.Read");
        t.putArray("toolPacks").add("echo").add("graph").add("expenses");
        HttpResponse<String> res = world.admin("PUT", "/admin/v1/tenants/" + FABRIKAM,
                "ApiKey " + RunningPlatform.ADMIN_KEY, t.toString());
        assertEquals(201, res.statusCode(), res.body());
        running.platform.refreshTenants();
    }

    /** Signs the tenant's user in, mints its administrator's token and stores three expenses per user. */
    private static void add(String slug, DemoUser user, DemoUser colleague, String tid, String app, int port) {
        AttackContext.Home home = world.ctx.signIn(slug, user, colleague, tid, app, port);
        world.ctx.db.scope(home);
        String admin = "Bearer " + running.entra.standIn().appRoleToken(tid, user, app, List.of("Tenant.Admin"),
                Duration.ofMinutes(30));
        Map<String, IsolationTenant.Seed> seeds = new LinkedHashMap<>();
        for (DemoUser u : List.of(user, colleague)) {
            seeds.put(u.oid(), seed(slug, tid, app, u));
        }
        world.tenants.put(slug, new IsolationTenant(home, admin, seeds));
    }

    private static IsolationTenant.Seed seed(String slug, String tid, String app, DemoUser user) {
        String token = running.entraToken(tid, user, app);
        String session = world.session(slug, token);
        String marker = "MARK-" + slug + "-" + user.oid().substring(0, 8) + "-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            JsonNode added = world.call(slug, token, session, "add_expense", "{\"amount\":\"" + (10 + i)
                    + ".25\",\"currency\":\"EUR\",\"category\":\"travel\",\"date\":\"2025-03-0" + i
                    + "\",\"description\":\"" + marker + "\"}");
            assertFalse(added.path("isError").asBoolean(), added.toString());
            ids.add(added.path("structuredContent").path("expense").path("id").asText());
        }
        JsonNode page = world.call(slug, token, session, "list_expenses", "{\"limit\":1}");
        String cursor = page.path("structuredContent").path("nextCursor").asText();
        assertFalse(cursor.isEmpty(), page.toString());
        return new IsolationTenant.Seed(user, token, marker, ids, cursor);
    }

    /** One container per ordered pair of tenants (attacker first). */
    private static List<DynamicNode> pairs(String phase,
                                           BiFunction<IsolationTenant, IsolationTenant, List<DynamicNode>> cases) {
        List<DynamicNode> out = new ArrayList<>();
        for (IsolationTenant a : world.tenants.values()) {
            for (IsolationTenant b : world.tenants.values()) {
                if (a != b) {
                    List<DynamicNode> c = cases.apply(a, b);
                    generated += c.size();
                    out.add(DynamicContainer.dynamicContainer(phase + ": admin of " + a.slug() + " / users of "
                            + a.slug() + " against " + b.slug(), c));
                }
            }
        }
        return out;
    }

    @TestFactory
    @Order(1)
    Stream<DynamicNode> adminApiWhenOneTenantsAdministratorNamesAnotherTenantThenRefusedAndNothingOfItReturned() {
        List<DynamicNode> all = new ArrayList<>(pairs("reads and refusals",
                (a, b) -> new AdminIsolation(world, a, b).refusalsAndOwnReads()));
        all.addAll(pairs("writes naming the other tenant's users",
                (a, b) -> new AdminIsolation(world, a, b).writesNamingOtherUsers()));
        return all.stream();
    }

    @TestFactory
    @Order(2)
    Stream<DynamicNode> toolsWhenUsersOfOneTenantCallThenNoAnswerCarriesAnotherTenantsData() {
        List<DynamicNode> all = new ArrayList<>(pairs("tools", (a, b) -> new ToolIsolation(world, a, b).all()));
        for (IsolationTenant t : world.tenants.values()) {
            List<DynamicNode> c = ToolIsolation.colleagues(world, t);
            generated += c.size();
            all.add(DynamicContainer.dynamicContainer("colleagues in " + t.slug(), c));
        }
        return all.stream();
    }

    @Test
    @Order(0)
    void scannerWhenShownTheOtherTenantsOwnAnswersThenFindsItsData() {
        for (IsolationTenant a : world.tenants.values()) {
            for (IsolationTenant b : world.tenants.values()) {
                if (a == b) {
                    continue;
                }
                IsolationTenant.Seed victim = b.seeds().get(b.home().user().oid());
                String session = world.session(b.slug(), victim.entraToken());
                String list = world.call(b.slug(), victim.entraToken(), session, "list_expenses", "{}").toString();
                String doc = world.operatorRead(b).body();
                assertTrue(IsolationTenant.leaks(list, b, a, "").contains(victim.marker()), list);
                assertTrue(IsolationTenant.leaks(doc, b, a, "").contains(b.home().entraClientId()), doc);
            }
        }
    }

    @Test
    @Order(3)
    void tallyWhenMatrixRanThenEveryGeneratedCaseTriedAndNoCrossTenantResult() {
        String line = world.tally().line();
        System.out.println(line);
        assertEquals(0, world.tally().accepted(), line);
        assertEquals(generated, world.tally().tried(), line);
        assertTrue(world.tally().tried() >= MINIMUM_CASES, line);
    }
}
