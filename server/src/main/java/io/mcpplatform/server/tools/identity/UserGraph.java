package io.mcpplatform.server.tools.identity;

import io.mcpplatform.server.auth.UserContext;
import io.mcpplatform.server.graph.GraphClient;
import io.mcpplatform.server.graph.GraphConnection;
import io.mcpplatform.server.obo.OboBroker;
import io.mcpplatform.tenants.Tenant;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** Microsoft Graph as one signed-in user: on-behalf-of tokens for the tenant's Graph scopes, fresh after a 401. */
public final class UserGraph {
    private final OboBroker broker;
    private final GraphConnection graph;

    /**
     * @param broker on-behalf-of tokens for the signed-in user
     * @param graph  where Graph lives ({@link GraphConnection#publicCloud()} in production)
     */
    public UserGraph(OboBroker broker, GraphConnection graph) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    /** A Graph client that calls as {@code user} with the tenant's {@code graph_scopes}. */
    public GraphClient client(Tenant tenant, UserContext user) {
        Set<String> scopes = new LinkedHashSet<>(tenant.graph().qualifiedScopes());
        return graph.client(rejected -> broker.accessToken(tenant, user, scopes, rejected));
    }
}
