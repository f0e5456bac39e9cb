package io.mcpplatform.server.oauth.consent;

import java.util.List;
import java.util.Objects;

/**
 * What the consent page shows; every field is raw text and is escaped when rendered.
 *
 * @param tenantName     the tenant's display name
 * @param userName       the signed-in user's display name (may be empty)
 * @param username       the signed-in user's UPN / preferred username (may be empty)
 * @param clientName     the client's name as it registered itself
 * @param clientVerified false when the name is self-asserted (dynamic registration)
 * @param clientId       the client id (for metadata-document clients, the URL that vouches for the name)
 * @param redirectHost   the host the code will be sent to
 * @param scopes         the requested scopes
 * @param actionPath     where the form posts
 * @param requestId      the pending authorization's id
 * @param csrfToken      the form's CSRF token
 */
public record ConsentView(String tenantName,
                          String userName,
                          String username,
                          String clientName,
                          boolean clientVerified,
                          String clientId,
                          String redirectHost,
                          List<String> scopes,
                          String actionPath,
                          String requestId,
                          String csrfToken) {
    public ConsentView {
        Objects.requireNonNull(tenantName, "tenantName");
        userName = userName == null ? "" : userName;
        username = username == null ? "" : username;
        clientName = clientName == null ? "" : clientName;
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectHost, "redirectHost");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(actionPath, "actionPath");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(csrfToken, "csrfToken");
    }
}
