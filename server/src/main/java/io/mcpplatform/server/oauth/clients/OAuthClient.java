package io.mcpplatform.server.oauth.clients;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An OAuth client of one tenant, however it became known.
 *
 * @param tenantId                the tenant
 * @param clientId                the client id (opaque for registered clients, the https URL for metadata documents)
 * @param name                    human name shown on the consent page
 * @param redirectUris            registered redirect URIs (compared exactly, loopback ports excepted)
 * @param tokenEndpointAuthMethod {@code none} for public clients, {@code client_secret_basic}/{@code client_secret_post}
 * @param secretHash              hash of the client secret for confidential clients
 * @param type                    how it was registered
 * @param revoked                 a revoked client gets nothing
 */
public record OAuthClient(UUID tenantId,
                          String clientId,
                          String name,
                          List<String> redirectUris,
                          String tokenEndpointAuthMethod,
                          Optional<String> secretHash,
                          RegistrationType type,
                          boolean revoked) {

    public OAuthClient {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(clientId, "clientId");
        name = name == null ? "" : name;
        redirectUris = List.copyOf(redirectUris);
        Objects.requireNonNull(tokenEndpointAuthMethod, "tokenEndpointAuthMethod");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(type, "type");
    }

    /** Whether the client authenticates at the token endpoint. */
    public boolean isConfidential() {
        return !"none".equals(tokenEndpointAuthMethod);
    }

    /** How a client became known. */
    public enum RegistrationType {
        DYNAMIC,
        METADATA_DOCUMENT,
        PRE_REGISTERED
    }
}
