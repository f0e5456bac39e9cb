package io.mcpplatform.server.mcp;

import io.helidon.webserver.http.ServerRequest;
import io.mcpplatform.tenants.Tenant;

/**
 * What the HTTP edge knows about one MCP request once it has been admitted: the input of {@link McpContextExtractor}.
 *
 * @param tenant  the resolved, active tenant
 * @param request the HTTP request (headers, security context)
 */
public record McpRequestScope(Tenant tenant, ServerRequest request) {
}
