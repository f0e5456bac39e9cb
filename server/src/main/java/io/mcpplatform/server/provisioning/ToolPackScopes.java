package io.mcpplatform.server.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The delegated Graph scopes each tool pack needs on behalf of the user (the {@code graph} pack reads group
 * memberships and recent files). Packs that call no Graph API need none.
 */
public final class ToolPackScopes {
    private static final Map<String, List<String>> SCOPES = Map.of(
            "echo", List.of(),
            "conformance", List.of(),
            "graph", List.of("GroupMember.Read.All", "Files.Read"));

    private ToolPackScopes() {
    }

    /**
     * {@code User.Read} and the scopes of these packs, in order.
     *
     * @throws IllegalArgumentException naming an unknown pack and the known ones
     */
    public static List<String> forPacks(List<String> packs) {
        Set<String> scopes = new LinkedHashSet<>(List.of("User.Read"));
        for (String pack : packs) {
            List<String> own = SCOPES.get(pack);
            if (own == null) {
                throw new IllegalArgumentException("unknown tool pack '" + pack + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(SCOPES.keySet())) + ")");
            }
            scopes.addAll(own);
        }
        return new ArrayList<>(scopes);
    }
}
