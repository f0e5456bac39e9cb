package io.mcpplatform.server.mcp;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;

/** One tenant's MCP transport as the HTTP edge sees it, after the common checks and parsing. */
interface TenantTransport {

    /** Handles one parsed POST message. */
    void post(ServerRequest req, ServerResponse res, McpTransportContext context, McpSchema.JSONRPCMessage message);

    /** Opens the listening stream. */
    void get(ServerRequest req, ServerResponse res, McpTransportContext context);

    /** Ends a session (only its own user may). */
    void delete(ServerRequest req, ServerResponse res, McpTransportContext context);

    /** Closes idle sessions; returns how many. */
    int evictIdle(long nowMillis);

    /** Number of open sessions. */
    int sessionCount();
}
