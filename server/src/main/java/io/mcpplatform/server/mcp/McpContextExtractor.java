package io.mcpplatform.server.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns an admitted request into the SDK's transport context, under the keys of {@link McpRequestContext}.
 * Adding a value (the signed-in user) is one {@code put} here plus its key there.
 */
public final class McpContextExtractor implements McpTransportContextExtractor<McpRequestScope> {

    @Override
    public McpTransportContext extract(McpRequestScope scope) {
        Map<String, Object> values = new HashMap<>();
        values.put(McpRequestContext.TENANT, scope.tenant());
        scope.user().ifPresent(user -> values.put(McpRequestContext.USER, user));
        return McpTransportContext.create(Map.copyOf(values));
    }
}
