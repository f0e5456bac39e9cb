package io.mcpplatform.server.tools.identity;

import io.mcpplatform.server.auth.UserContext;
import io.mcpplatform.server.graph.GraphClient;
import io.mcpplatform.server.mcp.McpRequestContext;
import io.mcpplatform.tenants.Tenant;
import io.modelcontextprotocol.common.McpTransportContext;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a user is a member of the tenant's admin group ({@code admin_group_id}): decided by Graph
 * {@code checkMemberGroups} called as the user, remembered per (tenant, group, oid) for five minutes. One
 * instance is shared by every pack with admin-only tools, so a decision is made once for all of them. A tenant without
 * an admin group has no administrators.
 */
public final class AdminGroup {
    /** The refusal non-members get from an admin-only tool. */
    public static final String REFUSAL = "this tool requires membership of the administrators group";

    private final UserGraph graph;
    private final AdminGate gate;

    public AdminGroup(UserGraph graph, Clock clock) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.gate = new AdminGate(clock);
    }

    /**
     * Whether {@code user} administers {@code tenant}.
     *
     * @throws io.mcpplatform.server.obo.OboException  when no Graph token can be had for the user
     * @throws io.mcpplatform.server.graph.GraphException when Graph fails
     */
    public boolean isMember(Tenant tenant, UserContext user) {
        return isMember(tenant, user, graph.client(tenant, user));
    }

    /** As {@link #isMember(Tenant, UserContext)} with the caller's own Graph client for the user. */
    public boolean isMember(Tenant tenant, UserContext user, GraphClient client) {
        Optional<String> group = tenant.graph().adminGroupId();
        if (group.isEmpty()) {
            return false;
        }
        String id = group.get().toLowerCase(Locale.ROOT);
        return gate.isAdmin(tenant.id(), id, user.oid(),
                () -> client.checkMemberGroups(List.of(id)).stream().anyMatch(id::equalsIgnoreCase));
    }

    /** For {@code tools/list}: whether the request's signed-in user is a member (any failure: not listed). */
    public boolean isMember(McpTransportContext ctx) {
        Optional<UserContext> user = McpRequestContext.user(ctx);
        return user.isPresent() && isMember(McpRequestContext.tenant(ctx), user.get());
    }
}
