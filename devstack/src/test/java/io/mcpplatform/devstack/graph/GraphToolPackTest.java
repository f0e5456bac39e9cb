package io.mcpplatform.devstack.graph;

import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.entra.DemoUser;
import io.mcpplatform.devstack.entra.EntraStandIn;
import io.mcpplatform.server.auth.UserContext;
import io.mcpplatform.server.graph.GraphConnection;
import io.mcpplatform.server.graph.RetryPolicy;
import io.mcpplatform.server.mcp.McpRequestContext;
import io.mcpplatform.server.obo.OboBroker;
import io.mcpplatform.server.obo.OboException;
import io.mcpplatform.server.tools.PackInstaller;
import io.mcpplatform.server.tools.graph.GraphToolPack;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.GraphSettings;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pack {@code graph} with a fake on-behalf-of broker that hands out stand-in Entra tokens for Graph, calling the
 * stand-in Graph over sockets.
 */
class GraphToolPackTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    EntraStandIn entra;
    GraphStandIn graph;
    FakeBroker broker;
    final Map<String, PackInstaller.ToolHandler> tools = new LinkedHashMap<>();
    final Map<String, McpSchema.Tool> definitions = new LinkedHashMap<>();
    Tenant demo;

    @BeforeEach
    void start() {
        EntraStandIn.Builder b = EntraStandIn.builder().interactive(false);
        DemoDirectories.all().forEach(b::directory);
        entra = b.build().start(0);
        graph = GraphStandIn.start(0, entra.baseUrl());
        broker = new FakeBroker();
        GraphConnection connection = new GraphConnection(graph.baseUrl(), Duration.ofSeconds(2),
                new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(1), Clock.systemUTC(), d -> { }));
        new GraphToolPack(broker, connection, Clock.systemUTC()).install(new Capture());
        demo = new Tenant(UUID.randomUUID(), "demo", "Demo Organisation", TenantStatus.ACTIVE,
                new EntraApp(DemoDirectories.DEMO_TID, DemoDirectories.DEMO_CLIENT_ID, "secret:env:X", null),
                ClientPolicy.defaults(), List.of("graph"), Tenant.McpMode.STATEFUL,
                new GraphSettings(List.of("User.Read", "GroupMember.Read.All"),
                        Optional.of(DemoGraph.DEMO_ADMIN_GROUP)), T0, T0);
    }

    @AfterEach
    void stop() {
        graph.close();
        entra.close();
    }

    @Test
    void installWhenPackInstalledThenFiveToolsWithClosedInputSchemas() {
        assertEquals(List.of("whoami", "list_my_groups", "check_group_membership", "recent_files",
                "tenant_admin_report"), List.copyOf(definitions.keySet()));
        definitions.values().forEach(t -> assertEquals(false, t.inputSchema().get("additionalProperties"), t.name()));
    }

    @Test
    void whoamiWhenAliceThenHerProfileAsTextAndStructured() throws Exception {
        McpSchema.CallToolResult r = call("whoami", DemoDirectories.ALICE, Map.of());

        assertFalse(Boolean.TRUE.equals(r.isError()), text(r));
        assertEquals("Alice Demo", structured(r).get("displayName"));
        assertEquals(DemoDirectories.ALICE.oid(), structured(r).get("id"));
        assertTrue(text(r).contains("alice@demo.example"), text(r));
        assertEquals(Set.of("https://graph.microsoft.com/User.Read",
                "https://graph.microsoft.com/GroupMember.Read.All"), broker.scopes.getFirst());
    }

    @Test
    void whoamiWhenBobThenHisProfileNotAlices() throws Exception {
        McpSchema.CallToolResult r = call("whoami", DemoDirectories.BOB, Map.of());

        assertEquals(DemoDirectories.BOB.oid(), structured(r).get("id"));
    }

    @Test
    void whoamiWhenNobodySignedInThenToolError() throws Exception {
        McpSchema.CallToolResult r = tools.get("whoami").call(context(null),
                new McpSchema.CallToolRequest("whoami", Map.of()));

        assertTrue(r.isError());
        assertTrue(text(r).contains("signed-in user"), text(r));
        assertEquals(0, graph.requests().size());
    }

    @Test
    void listMyGroupsWhenAliceThenAllGroupsAcrossPages() throws Exception {
        McpSchema.CallToolResult r = call("list_my_groups", DemoDirectories.ALICE, Map.of());

        assertEquals(3, structured(r).get("count"));
    }

    @Test
    void checkGroupMembershipWhenGroupIdsMissingThenErrorNamesField() throws Exception {
        assertToolError(call("check_group_membership", DemoDirectories.ALICE, Map.of()),
                "argument 'group_ids' is required");
    }

    @Test
    void checkGroupMembershipWhenNotAGuidThenErrorNamesItem() throws Exception {
        assertToolError(call("check_group_membership", DemoDirectories.ALICE,
                Map.of("group_ids", List.of(DemoGraph.DEMO_ADMIN_GROUP, "admins"))), "argument 'group_ids[1]'");
    }

    @Test
    void checkGroupMembershipWhenEmptyOrTooManyThenErrorNamesBounds() throws Exception {
        assertToolError(call("check_group_membership", DemoDirectories.ALICE, Map.of("group_ids", List.of())),
                "argument 'group_ids' must hold between 1 and 20");
        List<String> many = java.util.stream.IntStream.range(0, 21)
                .mapToObj(i -> String.format("00000000-0000-4000-8000-%012d", i)).toList();
        assertToolError(call("check_group_membership", DemoDirectories.ALICE, Map.of("group_ids", many)),
                "got 21");
        assertEquals(0, graph.requests().size());
    }

    @Test
    void checkGroupMembershipWhenUnknownArgumentThenErrorNamesIt() throws Exception {
        assertToolError(call("check_group_membership", DemoDirectories.ALICE,
                Map.of("group_ids", List.of(DemoGraph.DEMO_ADMIN_GROUP), "groups", 1)), "unknown argument 'groups'");
    }

    @Test
    void checkGroupMembershipWhenBobThenMemberOfEveryoneNotAdmins() throws Exception {
        McpSchema.CallToolResult r = call("check_group_membership", DemoDirectories.BOB,
                Map.of("group_ids", List.of(DemoGraph.DEMO_ADMIN_GROUP, DemoGraph.DEMO_EVERYONE_GROUP)));

        assertEquals(List.of(DemoGraph.DEMO_EVERYONE_GROUP), structured(r).get("memberOf"));
        assertEquals(List.of(DemoGraph.DEMO_ADMIN_GROUP), structured(r).get("notMemberOf"));
    }

    @Test
    void recentFilesWhenTopOutOfRangeThenErrorNamesField() throws Exception {
        assertToolError(call("recent_files", DemoDirectories.ALICE, Map.of("top", 26)),
                "argument 'top' must be between 1 and 25, got 26");
        assertToolError(call("recent_files", DemoDirectories.ALICE, Map.of("top", 1.5)),
                "argument 'top' must be an integer");
    }

    @Test
    void recentFilesWhenTopOneThenOneFile() throws Exception {
        McpSchema.CallToolResult r = call("recent_files", DemoDirectories.ALICE, Map.of("top", 1));

        assertEquals(1, ((List<?>) structured(r).get("files")).size());
    }

    @Test
    void adminReportWhenAliceInAdminGroupThenReport() throws Exception {
        McpSchema.CallToolResult r = call("tenant_admin_report", DemoDirectories.ALICE, Map.of());

        assertFalse(Boolean.TRUE.equals(r.isError()), text(r));
        assertEquals("demo", structured(r).get("tenant"));
    }

    @Test
    void adminReportWhenBobNotInAdminGroupThenRefused() throws Exception {
        assertToolError(call("tenant_admin_report", DemoDirectories.BOB, Map.of()),
                "requires membership of the administrators group");
    }

    @Test
    void adminReportWhenListedThenVisibleToAdminGroupMembersOnly() {
        var rule = visibility.get("tenant_admin_report");
        assertTrue(rule.test(context(user(DemoDirectories.ALICE))));
        assertFalse(rule.test(context(user(DemoDirectories.BOB))));
        assertFalse(rule.test(context(null)));
        assertEquals(java.util.Set.of("tenant_admin_report"), visibility.keySet());
    }

    @Test
    void adminReportWhenCalledTwiceThenMembershipCheckedOnceAtGraph() throws Exception {
        call("tenant_admin_report", DemoDirectories.ALICE, Map.of());
        call("tenant_admin_report", DemoDirectories.ALICE, Map.of());
        call("tenant_admin_report", DemoDirectories.BOB, Map.of());

        assertEquals(2, graph.requests().stream().filter(r -> r.path().endsWith("/checkMemberGroups")).count());
    }

    @Test
    void adminReportWhenTenantHasNoAdminGroupThenRefusedWithoutGraphCall() throws Exception {
        demo = new Tenant(demo.id(), demo.slug(), demo.displayName(), demo.status(), demo.entra(),
                demo.clientPolicy(), demo.toolPacks(), demo.mcpMode(), GraphSettings.defaults(), T0, T0);

        assertToolError(call("tenant_admin_report", DemoDirectories.ALICE, Map.of()), "administrators group");
        assertEquals(0, graph.requests().size());
    }

    @Test
    void whoamiWhenConsentMissingThenToolErrorWithAdminConsentUrl() throws Exception {
        broker.failure = new OboException.ConsentRequired(
                "https://login.microsoftonline.com/" + DemoDirectories.DEMO_TID + "/adminconsent?client_id="
                        + DemoDirectories.DEMO_CLIENT_ID, null);

        assertToolError(call("whoami", DemoDirectories.ALICE, Map.of()),
                "/adminconsent?client_id=" + DemoDirectories.DEMO_CLIENT_ID);
    }

    @Test
    void whoamiWhenInteractionRequiredThenPropagatesForStepUp() {
        broker.failure = new OboException.InteractionRequired("{\"access_token\":{\"acrs\":{}}}", null);

        assertThrows(OboException.InteractionRequired.class, () -> call("whoami", DemoDirectories.ALICE, Map.of()));
    }

    @Test
    void whoamiWhenGraphThrottlesBeyondBoundThenToolErrorSaysSo() throws Exception {
        graph.throttleNext(3, 429, Optional.of("1"));

        assertToolError(call("whoami", DemoDirectories.ALICE, Map.of()), "throttling");
    }

    private McpSchema.CallToolResult call(String tool, DemoUser user, Map<String, Object> args) throws Exception {
        return tools.get(tool).call(context(user(user)), new McpSchema.CallToolRequest(tool, args));
    }

    private UserContext user(DemoUser user) {
        return new UserContext(demo.id(), demo.slug(), DemoDirectories.DEMO_TID, user.oid(), user.name(),
                user.username(), Set.of("mcp:tools"), "client-1", UserContext.TokenKind.PLATFORM);
    }

    private McpTransportContext context(UserContext user) {
        Map<String, Object> values = new HashMap<>();
        values.put(McpRequestContext.TENANT, demo);
        if (user != null) {
            values.put(McpRequestContext.USER, user);
        }
        return McpTransportContext.create(values);
    }

    private static void assertToolError(McpSchema.CallToolResult r, String expected) {
        assertTrue(Boolean.TRUE.equals(r.isError()), "expected a tool error, got " + text(r));
        assertTrue(text(r).contains(expected), text(r));
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }

    /** Hands out stand-in Entra tokens for Graph, as a real broker would after the OBO exchange. */
    final class FakeBroker implements OboBroker {
        final List<Set<String>> scopes = new CopyOnWriteArrayList<>();
        RuntimeException failure;

        @Override
        public String accessToken(Tenant tenant, UserContext user, Set<String> requested) {
            if (failure != null) {
                throw failure;
            }
            scopes.add(requested);
            DemoUser u = DemoDirectories.all().stream().flatMap(d -> d.users().stream())
                    .filter(x -> x.oid().equals(user.oid())).findFirst().orElseThrow();
            return entra.accessToken(user.tid(), u, tenant.entra().clientId(), String.join(" ", requested));
        }
    }

    /** Keeps the pack's tools. */
    final java.util.Map<String, java.util.function.Predicate<io.modelcontextprotocol.common.McpTransportContext>> visibility =
            new java.util.HashMap<>();

    final class Capture implements PackInstaller {
        @Override
        public boolean stateful() {
            return true;
        }

        @Override
        public void tool(McpSchema.Tool tool, ToolHandler handler) {
            definitions.put(tool.name(), tool);
            tools.put(tool.name(), handler);
        }

        @Override
        public void sessionTool(McpSchema.Tool tool, SessionToolHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void restrictVisibility(String toolName,
                                       java.util.function.Predicate<io.modelcontextprotocol.common.McpTransportContext> rule) {
            visibility.put(toolName, rule);
        }

        @Override
        public void resource(McpSchema.Resource resource, ResourceHandler handler) {
        }

        @Override
        public void resourceTemplate(McpSchema.ResourceTemplate template, ResourceHandler handler) {
        }

        @Override
        public void prompt(McpSchema.Prompt prompt, PromptHandler handler) {
        }

        @Override
        public void completion(McpSchema.CompleteReference reference, CompletionHandler handler) {
        }
    }
}
