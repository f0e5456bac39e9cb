package io.mcpplatform.server.auth;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The signed-in user of one MCP request, as every tool handler sees it (the Java counterpart of the FastMCP sample's
 * {@code UserAuthMiddleware}). User data is always keyed by ({@link #tenantId()}, {@link #oid()}).
 *
 * @param tenantId   the platform tenant's id
 * @param tenantSlug the platform tenant's slug
 * @param tid        the Entra directory id the user signed in with (always the tenant's own)
 * @param oid        the user's Entra object id: stable, unique within {@code tid}
 * @param name       display name, may be empty
 * @param username   preferred username / UPN, may be empty
 * @param scopes     the scopes granted to this token
 * @param clientId   the OAuth client the user signed in through
 * @param kind       whether the platform or Entra issued the bearer token
 * @param entraToken the Entra access token the client presented directly (kind {@code ENTRA}; the on-behalf-of
 *                   assertion), empty for platform tokens; never printed
 */
public record UserContext(UUID tenantId,
                          String tenantSlug,
                          String tid,
                          String oid,
                          String name,
                          String username,
                          Set<String> scopes,
                          String clientId,
                          TokenKind kind,
                          String entraToken) {

    public UserContext {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(tenantSlug, "tenantSlug");
        Objects.requireNonNull(tid, "tid");
        Objects.requireNonNull(oid, "oid");
        name = name == null ? "" : name;
        username = username == null ? "" : username;
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(kind, "kind");
        entraToken = entraToken == null ? "" : entraToken;
    }

    /** A user signed in with a platform token (the on-behalf-of assertion is the stored Entra token). */
    public UserContext(UUID tenantId, String tenantSlug, String tid, String oid, String name, String username,
                       Set<String> scopes, String clientId, TokenKind kind) {
        this(tenantId, tenantSlug, tid, oid, name, username, scopes, clientId, kind, "");
    }

    @Override
    public String toString() {
        return "UserContext[tenant=" + tenantSlug + ", tid=" + tid + ", oid=" + oid + ", clientId=" + clientId
                + ", scopes=" + scopes + ", kind=" + kind + "]";
    }

    /** Who issued the bearer token the request carried. */
    public enum TokenKind {
        /** A platform access token from this tenant's authorization server. */
        PLATFORM,
        /** An Entra v2 access token issued for the tenant's own app (pre-authorized clients, agents). */
        ENTRA
    }
}
