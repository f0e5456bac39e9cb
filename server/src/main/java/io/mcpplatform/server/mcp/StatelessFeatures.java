package io.mcpplatform.server.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.mcpplatform.server.tools.PackInstaller;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;

import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Collects what tool packs install into the SDK's specifications for a stateless server. Session tools cannot work
 * without a session and are skipped with a log line.
 */
final class StatelessFeatures implements PackInstaller {
    private static final Logger LOG = Logger.getLogger(StatelessFeatures.class.getName());

    final List<McpStatelessServerFeatures.AsyncToolSpecification> tools = new ArrayList<>();
    final List<McpStatelessServerFeatures.AsyncResourceSpecification> resources = new ArrayList<>();
    final List<McpStatelessServerFeatures.AsyncResourceTemplateSpecification> templates = new ArrayList<>();
    final List<McpStatelessServerFeatures.AsyncPromptSpecification> prompts = new ArrayList<>();
    final List<McpStatelessServerFeatures.AsyncCompletionSpecification> completions = new ArrayList<>();
    private final String tenant;

    StatelessFeatures(String tenant) {
        this.tenant = tenant;
    }

    @Override
    public boolean stateful() {
        return false;
    }

    final io.mcpplatform.server.tools.ToolVisibility visibility = new io.mcpplatform.server.tools.ToolVisibility();

    @Override
    public void restrictVisibility(String toolName, java.util.function.Predicate<McpTransportContext> rule) {
        visibility.restrict(toolName, rule);
    }

    @Override
    public void tool(McpSchema.Tool tool, ToolHandler handler) {
        tools.add(new McpStatelessServerFeatures.AsyncToolSpecification(tool, (ctx, req) -> Mono.fromCallable(
                () -> ToolErrors.call(tool.name(), ctx, () -> handler.call(ctx, req)))));
    }

    @Override
    public void sessionTool(McpSchema.Tool tool, SessionToolHandler handler) {
        LOG.fine(() -> "tenant '" + tenant + "' is stateless: tool '" + tool.name() + "' needs a session; skipped");
    }

    @Override
    public void resource(McpSchema.Resource resource, ResourceHandler handler) {
        resources.add(new McpStatelessServerFeatures.AsyncResourceSpecification(resource,
                (ctx, req) -> Mono.fromCallable(() -> handler.read(ctx, req))));
    }

    @Override
    public void resourceTemplate(McpSchema.ResourceTemplate template, ResourceHandler handler) {
        templates.add(new McpStatelessServerFeatures.AsyncResourceTemplateSpecification(template,
                (ctx, req) -> Mono.fromCallable(() -> handler.read(ctx, req))));
    }

    @Override
    public void prompt(McpSchema.Prompt prompt, PromptHandler handler) {
        prompts.add(new McpStatelessServerFeatures.AsyncPromptSpecification(prompt,
                (ctx, req) -> Mono.fromCallable(() -> handler.get(ctx, req))));
    }

    @Override
    public void completion(McpSchema.CompleteReference reference, CompletionHandler handler) {
        completions.add(new McpStatelessServerFeatures.AsyncCompletionSpecification(reference,
                (ctx, req) -> Mono.fromCallable(() -> handler.complete(ctx, req))));
    }
}
