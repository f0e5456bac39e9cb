package io.mcpplatform.server.oauth.clients;

import io.mcpplatform.tenants.Tenant;

import java.util.Optional;

/**
 * Finds a tenant's OAuth clients: registered ones from the database, and client-ID metadata documents (an https
 * {@code client_id}) fetched safely and cached, when the tenant allows them.
 */
public interface ClientRegistry {

    /** The client, if this tenant knows it (or can fetch its metadata document) and it is not revoked. */
    Optional<OAuthClient> find(Tenant tenant, String clientId);

    /**
     * Checks a client secret (confidential clients) in constant time.
     *
     * @return true when the client is confidential and the secret matches its stored hash
     */
    boolean secretMatches(OAuthClient client, String presentedSecret);
}
