package io.mcpplatform.server.mcp;

import io.mcpplatform.server.oauth.PlatformUrls;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns an admitted request into the SDK's transport context, under the keys of {@link McpRequestContext}.
 * Adding a value (the signed-in user) is one {@code put} here plus its key there.
 */
public final class McpContextExtractor implements McpTransportContextExtractor<McpRequestScope> {
    private final PlatformUrls urls;

    /** @param urls where the protected-resource metadata of each tenant is (named in step-up challenges) */
    public McpContextExtractor(PlatformUrls urls) {
        this.urls = java.util.Objects.requireNonNull(urls, "urls");
    }

    @Override
    public McpTransportContext extract(McpRequestScope scope) {
        Map<String, Object> values = new HashMap<>();
        values.put(McpRequestContext.TENANT, scope.tenant());
        values.put(McpRequestContext.STEP_UP, new StepUp(urls.protectedResourceMetadata(scope.tenant().slug())));
        scope.user().ifPresent(user -> values.put(McpRequestContext.USER, user));
        return McpTransportContext.create(Map.copyOf(values));
    }
}
