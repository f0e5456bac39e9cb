package io.mcpplatform.server.tools.graph;

import io.mcpplatform.server.auth.UserContext;
import io.mcpplatform.server.graph.DriveItem;
import io.mcpplatform.server.graph.GraphClient;
import io.mcpplatform.server.graph.GraphConnection;
import io.mcpplatform.server.graph.GraphUser;
import io.mcpplatform.server.graph.Memberships;
import io.mcpplatform.server.obo.OboBroker;
import io.mcpplatform.server.tools.PackInstaller;
import io.mcpplatform.server.tools.ToolPack;
import io.mcpplatform.server.tools.identity.AdminGroup;
import io.mcpplatform.server.tools.identity.SignedInCall;
import io.mcpplatform.server.tools.identity.UserGraph;
import io.mcpplatform.server.tools.support.Arguments;
import io.mcpplatform.server.tools.support.ToolResults;
import io.mcpplatform.tenants.GraphSettings;
import io.mcpplatform.tenants.Tenant;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pack {@code graph}: {@code whoami}, {@code list_my_groups}, {@code check_group_membership}, {@code recent_files} and
 * the admin-only {@code tenant_admin_report}, each calling Microsoft Graph as the signed-in user with an on-behalf-of
 * token for the tenant's {@link GraphSettings#scopes() Graph scopes}.
 * <p>
 * The admin tool is listed only for members of the tenant's admin group (the transport filters {@code tools/list} per
 * caller) and answers only them, decided by the shared {@link AdminGroup} ({@code checkMemberGroups} on behalf of the
 * caller, cached per (tenant, oid)). Missing consent becomes a tool error with the admin-consent URL; a required interaction
 * ({@link OboException.InteractionRequired}) propagates for the transport to answer with a step-up challenge.
 */
public final class GraphToolPack implements ToolPack {
    /** The pack's name. */
    public static final String NAME = "graph";
    /** The refusal non-admins get from the admin tool. */
    public static final String ADMIN_ONLY = AdminGroup.REFUSAL;

    private final UserGraph graph;
    private final AdminGroup adminGroup;

    /**
     * @param broker on-behalf-of tokens for the signed-in user
     * @param graph  where Graph lives ({@link GraphConnection#publicCloud()} in production)
     * @param clock  for the admin decision cache
     */
    public GraphToolPack(OboBroker broker, GraphConnection graph, Clock clock) {
        this(new UserGraph(broker, graph), null, clock);
    }

    /**
     * @param graph      Graph as the signed-in user
     * @param adminGroup the admin-group decision shared with other packs' admin tools
     */
    public GraphToolPack(UserGraph graph, AdminGroup adminGroup) {
        this(graph, Objects.requireNonNull(adminGroup, "adminGroup"), null);
    }

    private GraphToolPack(UserGraph graph, AdminGroup adminGroup, Clock clock) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.adminGroup = adminGroup != null ? adminGroup : new AdminGroup(graph, clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void install(PackInstaller target) {
        target.tool(GraphTools.WHOAMI, (ctx, req) -> run(ctx, req, Set.of(), this::whoami));
        target.tool(GraphTools.LIST_MY_GROUPS, (ctx, req) -> run(ctx, req, Set.of(), this::listMyGroups));
        target.tool(GraphTools.CHECK_GROUP_MEMBERSHIP,
                (ctx, req) -> run(ctx, req, Set.of("group_ids"), this::checkGroupMembership));
        target.tool(GraphTools.RECENT_FILES, (ctx, req) -> run(ctx, req, Set.of("top"), this::recentFiles));
        target.tool(GraphTools.TENANT_ADMIN_REPORT, (ctx, req) -> run(ctx, req, Set.of(), this::adminReport));
        target.restrictVisibility(GraphTools.TENANT_ADMIN_REPORT.name(), adminGroup::isMember);
    }

    private McpSchema.CallToolResult run(McpTransportContext ctx, McpSchema.CallToolRequest request,
                                         Set<String> allowed, Function<Call, McpSchema.CallToolResult> tool) {
        return SignedInCall.run(ctx, request, allowed, "this tool acts as the signed-in user", c ->
                tool.apply(new Call(c.tenant(), c.user(), c.args(), graph.client(c.tenant(), c.user()))));
    }

    private McpSchema.CallToolResult whoami(Call call) {
        GraphUser me = call.graph.me();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", me.id());
        out.put("displayName", me.displayName());
        out.put("userPrincipalName", me.userPrincipalName());
        out.put("mail", me.mail());
        out.put("jobTitle", me.jobTitle());
        String text = "You are " + me.displayName() + " (" + me.userPrincipalName() + ")"
                + (me.jobTitle().isEmpty() ? "" : ", " + me.jobTitle())
                + (me.mail().isEmpty() ? "" : ", mail " + me.mail()) + "; Entra object id " + me.id() + ".";
        return ok(text, out);
    }

    private McpSchema.CallToolResult listMyGroups(Call call) {
        Memberships memberships = call.graph.transitiveMemberOf();
        List<Map<String, Object>> groups = new ArrayList<>();
        memberships.groups().forEach(g -> groups.add(Map.of("id", g.id(), "displayName", g.displayName())));
        String text = groups.isEmpty() ? "You are not a member of any group."
                : "You are a member of " + groups.size() + " group" + (groups.size() == 1 ? "" : "s")
                + (memberships.truncated() ? " (list cut short)" : "") + ": " + memberships.groups().stream()
                .map(g -> g.displayName() + " (" + g.id() + ")").collect(Collectors.joining(", ")) + ".";
        return ok(text, Map.of("groups", groups, "count", groups.size(), "truncated", memberships.truncated()));
    }

    private McpSchema.CallToolResult checkGroupMembership(Call call) {
        List<String> asked = Arguments.guids(call.args, "group_ids", GraphTools.MAX_GROUP_IDS);
        Set<String> member = call.graph.checkMemberGroups(asked).stream()
                .map(s -> s.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
        List<String> in = asked.stream().filter(member::contains).toList();
        List<String> out = asked.stream().filter(id -> !member.contains(id)).toList();
        String text = "Member of " + in.size() + " of " + asked.size() + " group" + (asked.size() == 1 ? "" : "s")
                + (in.isEmpty() ? "." : ": " + String.join(", ", in) + ".")
                + (out.isEmpty() ? "" : " Not a member of: " + String.join(", ", out) + ".");
        return ok(text, Map.of("memberOf", in, "notMemberOf", out));
    }

    private McpSchema.CallToolResult recentFiles(Call call) {
        int top = Arguments.integer(call.args, "top", 1, GraphTools.MAX_TOP, GraphTools.DEFAULT_TOP);
        List<DriveItem> items = call.graph.recentFiles(top);
        List<Map<String, Object>> files = new ArrayList<>();
        for (DriveItem item : items) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", item.id());
            f.put("name", item.name());
            f.put("webUrl", item.webUrl());
            f.put("lastModifiedDateTime", item.lastModifiedDateTime());
            f.put("size", item.size());
            files.add(f);
        }
        String text = items.isEmpty() ? "No recent files." : "Your " + items.size() + " most recent file"
                + (items.size() == 1 ? "" : "s") + ": " + items.stream()
                .map(i -> i.name() + (i.lastModifiedDateTime().isEmpty() ? "" : " (" + i.lastModifiedDateTime() + ")"))
                .collect(Collectors.joining(", ")) + ".";
        return ok(text, Map.of("files", files));
    }

    private McpSchema.CallToolResult adminReport(Call call) {
        if (!adminGroup.isMember(call.tenant, call.user, call.graph)) {
            return error(ADMIN_ONLY);
        }
        Tenant t = call.tenant;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tenant", t.slug());
        out.put("displayName", t.displayName());
        out.put("status", t.status().name());
        out.put("entraTenantId", t.entra() == null ? "" : t.entra().tenantId());
        out.put("toolPacks", t.toolPacks());
        out.put("graphScopes", t.graph().scopes());
        out.put("adminGroupId", t.graph().adminGroupId().orElse(""));
        return ok("Tenant " + t.displayName() + " (" + t.slug() + "), " + t.status().name().toLowerCase(
                java.util.Locale.ROOT) + "; tool packs " + t.toolPacks() + "; Graph scopes " + t.graph().scopes()
                + ".", out);
    }

    private static McpSchema.CallToolResult ok(String text, Map<String, Object> structured) {
        return ToolResults.ok(text, structured);
    }

    private static McpSchema.CallToolResult error(String text) {
        return ToolResults.error(text);
    }

    private record Call(Tenant tenant, UserContext user, Map<String, Object> args, GraphClient graph) {
    }
}
