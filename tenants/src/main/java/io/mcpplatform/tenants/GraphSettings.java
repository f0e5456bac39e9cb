package io.mcpplatform.tenants;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a tenant's tools use Microsoft Graph.
 *
 * @param scopes       delegated Graph scopes the {@code graph} tool pack asks for on behalf of the user, without the
 *                     resource prefix (e.g. {@code User.Read}); 1 to 20
 * @param adminGroupId the Entra group (object id, a GUID) whose members may use the admin tools; empty = nobody
 */
public record GraphSettings(List<String> scopes, Optional<String> adminGroupId) {
    /** The resource prefix of Graph scopes. */
    public static final String RESOURCE = "https://graph.microsoft.com/";
    /** The most scopes a tenant may list. */
    public static final int MAX_SCOPES = 20;
    private static final Pattern GUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    public GraphSettings {
        scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
        if (scopes.isEmpty() || scopes.size() > MAX_SCOPES) {
            throw new IllegalArgumentException("graph scopes: between 1 and " + MAX_SCOPES + " expected");
        }
        for (String scope : scopes) {
            if (scope.isBlank() || scope.contains(" ") || scope.contains("://")) {
                throw new IllegalArgumentException("graph scope '" + scope + "' must be a bare scope name");
            }
        }
        adminGroupId = Objects.requireNonNull(adminGroupId, "adminGroupId");
        adminGroupId.ifPresent(id -> {
            if (!GUID.matcher(id).matches()) {
                throw new IllegalArgumentException("admin group id must be a GUID");
            }
        });
    }

    /** {@code User.Read}, no admin group. */
    public static GraphSettings defaults() {
        return new GraphSettings(List.of("User.Read"), Optional.empty());
    }

    /** The scopes with the Graph resource prefix, as Entra expects them. */
    public List<String> qualifiedScopes() {
        return scopes.stream().map(s -> RESOURCE + s).toList();
    }
}
