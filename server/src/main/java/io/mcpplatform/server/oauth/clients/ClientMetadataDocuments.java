package io.mcpplatform.server.oauth.clients;

import java.net.URI;
import java.util.Optional;

/**
 * Fetches client-ID metadata documents: the JSON served at an https {@code client_id} URL. Implementations guard
 * against SSRF (https only, no private/loopback/link-local/metadata addresses after DNS resolution, no redirects to
 * them, size and time limits) and cache. The registry validates what comes back.
 */
public interface ClientMetadataDocuments {

    /**
     * The parsed document, or empty when it cannot be fetched safely or is not a JSON object of the expected shape.
     *
     * @param clientIdUrl the https URL the client presented as its {@code client_id}
     */
    Optional<ClientMetadataDocument> fetch(URI clientIdUrl);

    /** Metadata documents switched off everywhere: nothing is fetched. */
    static ClientMetadataDocuments none() {
        return url -> Optional.empty();
    }
}
