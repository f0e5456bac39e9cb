package io.mcpplatform.server.oauth.clients;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A client-ID metadata document as fetched (not yet validated): the fields of RFC 7591 client metadata that the
 * platform reads.
 *
 * @param clientId                the document's {@code client_id}; must equal the URL it was fetched from
 * @param clientName              {@code client_name}
 * @param redirectUris            {@code redirect_uris}
 * @param tokenEndpointAuthMethod {@code token_endpoint_auth_method}; empty means {@code none}
 * @param grantTypes              {@code grant_types}; empty means {@code authorization_code}
 * @param responseTypes           {@code response_types}; empty means {@code code}
 * @param clientUri               {@code client_uri}
 * @param logoUri                 {@code logo_uri}
 */
public record ClientMetadataDocument(String clientId,
                                     String clientName,
                                     List<String> redirectUris,
                                     Optional<String> tokenEndpointAuthMethod,
                                     List<String> grantTypes,
                                     List<String> responseTypes,
                                     Optional<String> clientUri,
                                     Optional<String> logoUri) {

    public ClientMetadataDocument {
        Objects.requireNonNull(clientId, "clientId");
        clientName = clientName == null ? "" : clientName;
        redirectUris = List.copyOf(redirectUris);
        Objects.requireNonNull(tokenEndpointAuthMethod, "tokenEndpointAuthMethod");
        grantTypes = List.copyOf(grantTypes);
        responseTypes = List.copyOf(responseTypes);
        Objects.requireNonNull(clientUri, "clientUri");
        Objects.requireNonNull(logoUri, "logoUri");
    }
}
