package io.mcpplatform.server.mcp;

import io.helidon.webserver.http.ServerRequest;
import io.mcpplatform.server.auth.UserContext;
import io.mcpplatform.tenants.Tenant;

import java.util.Optional;

/**
 * What the HTTP edge knows about one MCP request once it has been admitted: the input of {@link McpContextExtractor}.
 *
 * @param tenant  the resolved, active tenant
 * @param request the HTTP request (headers, security context)
 * @param user    the authenticated user; empty for tenants without sign-in
 */
public record McpRequestScope(Tenant tenant, ServerRequest request, Optional<UserContext> user) {

    /** A scope without a user (tenants without sign-in). */
    public McpRequestScope(Tenant tenant, ServerRequest request) {
        this(tenant, request, Optional.empty());
    }
}
