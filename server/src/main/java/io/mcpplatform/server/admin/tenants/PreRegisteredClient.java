package io.mcpplatform.server.admin.tenants;

import java.util.List;

/**
 * A public OAuth client an administrator registers for a tenant (no dynamic registration needed).
 *
 * @param clientId     the client id
 * @param clientName   shown on the consent page
 * @param redirectUris exact redirect URIs
 */
record PreRegisteredClient(String clientId, String clientName, List<String> redirectUris) {
    PreRegisteredClient {
        redirectUris = List.copyOf(redirectUris);
    }
}
