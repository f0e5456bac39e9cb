package io.mcpplatform.tenants;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One organisation served by the platform: its MCP endpoint lives at {@code /t/{slug}/mcp} and its users sign in with
 * the Entra app registration named here.
 *
 * @param id             stable internal id
 * @param slug           URL name, see {@link TenantSlug}
 * @param displayName    human name shown on consent pages and in the admin API
 * @param status         whether the endpoints serve requests
 * @param entra          the tenant's Entra app registration; {@code null} only for tenants without sign-in (the
 *                       dev-only conformance fixtures, whose endpoint is open)
 * @param clientPolicy   which OAuth clients may register and where they may redirect
 * @param toolPacks      names of the tool packs this tenant's MCP server offers, in order
 * @param mcpMode        stateful sessions or the SDK's stateless mode
 * @param graph          Microsoft Graph scopes and the admin group ({@link GraphSettings#defaults()} when null)
 * @param createdAt      creation time
 * @param updatedAt      last change
 */
public record Tenant(UUID id,
                     String slug,
                     String displayName,
                     TenantStatus status,
                     EntraApp entra,
                     ClientPolicy clientPolicy,
                     List<String> toolPacks,
                     McpMode mcpMode,
                     GraphSettings graph,
                     TenantLimits limits,
                     Instant createdAt,
                     Instant updatedAt) {

    public Tenant {
        Objects.requireNonNull(id, "id");
        TenantSlug.requireValid(slug);
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(clientPolicy, "clientPolicy");
        toolPacks = List.copyOf(Objects.requireNonNull(toolPacks, "toolPacks"));
        Objects.requireNonNull(mcpMode, "mcpMode");
        graph = graph == null ? GraphSettings.defaults() : graph;
        limits = limits == null ? TenantLimits.defaults() : limits;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A tenant with the platform's default {@link TenantLimits}. */
    public Tenant(UUID id, String slug, String displayName, TenantStatus status, EntraApp entra,
                  ClientPolicy clientPolicy, List<String> toolPacks, McpMode mcpMode, GraphSettings graph,
                  Instant createdAt, Instant updatedAt) {
        this(id, slug, displayName, status, entra, clientPolicy, toolPacks, mcpMode, graph, TenantLimits.defaults(),
                createdAt, updatedAt);
    }

    /** A tenant with the default {@link GraphSettings} and {@link TenantLimits}. */
    public Tenant(UUID id, String slug, String displayName, TenantStatus status, EntraApp entra,
                  ClientPolicy clientPolicy, List<String> toolPacks, McpMode mcpMode, Instant createdAt,
                  Instant updatedAt) {
        this(id, slug, displayName, status, entra, clientPolicy, toolPacks, mcpMode, GraphSettings.defaults(),
                TenantLimits.defaults(), createdAt, updatedAt);
    }

    /** Whether users of this tenant sign in (every production tenant); without it the MCP endpoint is open. */
    public boolean requiresSignIn() {
        return entra != null;
    }

    /** This tenant with other limits. */
    public Tenant withLimits(TenantLimits newLimits) {
        return new Tenant(id, slug, displayName, status, entra, clientPolicy, toolPacks, mcpMode, graph, newLimits,
                createdAt, updatedAt);
    }

    /** Whether the tenant's endpoints serve requests. */
    public boolean isActive() {
        return status == TenantStatus.ACTIVE;
    }

    /** How a tenant's MCP server keeps (or does not keep) sessions. */
    public enum McpMode {
        /** Sessions with {@code Mcp-Session-Id}, a GET listening stream and server-to-client requests. */
        STATEFUL,
        /** The SDK's stateless mode: every POST stands alone, no session, no GET stream. */
        STATELESS
    }
}
