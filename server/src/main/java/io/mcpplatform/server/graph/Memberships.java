package io.mcpplatform.server.graph;

import java.util.List;

/**
 * The user's transitive memberships.
 *
 * @param groups    in Graph's order
 * @param truncated true when more pages existed than {@link GraphClient#MAX_PAGES}
 */
public record Memberships(List<GraphGroup> groups, boolean truncated) {
    public Memberships {
        groups = List.copyOf(groups);
    }
}
