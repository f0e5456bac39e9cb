package io.mcpplatform.server.provisioning;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenant as the platform should register it after provisioning.
 *
 * @param slug         platform tenant name
 * @param displayName  display name
 * @param tenantId     Entra directory id
 * @param clientId     the app registration's application id
 * @param authority    the cloud's login host
 * @param credential   how the platform authenticates as the app
 * @param graphScopes  the delegated Graph scopes the tools use
 * @param adminGroupId the admin group, when any
 * @param toolPacks    the tool packs
 */
public record TenantSpec(String slug, String displayName, String tenantId, String clientId, String authority,
                         Credential credential, List<String> graphScopes, Optional<String> adminGroupId,
                         List<String> toolPacks) {
    public TenantSpec {
        Objects.requireNonNull(credential, "credential");
        graphScopes = List.copyOf(graphScopes);
        toolPacks = List.copyOf(toolPacks);
    }

    /** The credential as the admin API takes it. */
    public sealed interface Credential {
    }

    /** The platform's workload identity token ({@code AZURE_FEDERATED_TOKEN_FILE}). */
    public record Federated() implements Credential {
    }

    /** A client secret; {@link #toString()} hides it. */
    public record Secret(String secret) implements Credential {
        public Secret {
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("secret is required");
            }
        }

        @Override
        public String toString() {
            return "Secret[***]";
        }
    }
}
