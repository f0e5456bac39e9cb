package io.mcpplatform.server.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.mcpplatform.server.tools.PackInstaller;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;

import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/** Collects what tool packs install into the SDK's specifications for a stateful (session) server. */
final class StatefulFeatures implements PackInstaller {
    final List<McpServerFeatures.AsyncToolSpecification> tools = new ArrayList<>();
    final List<McpServerFeatures.AsyncResourceSpecification> resources = new ArrayList<>();
    final List<McpServerFeatures.AsyncResourceTemplateSpecification> templates = new ArrayList<>();
    final List<McpServerFeatures.AsyncPromptSpecification> prompts = new ArrayList<>();
    final List<McpServerFeatures.AsyncCompletionSpecification> completions = new ArrayList<>();

    @Override
    public boolean stateful() {
        return true;
    }

    final io.mcpplatform.server.tools.ToolVisibility visibility = new io.mcpplatform.server.tools.ToolVisibility();

    @Override
    public void restrictVisibility(String toolName, java.util.function.Predicate<McpTransportContext> rule) {
        visibility.restrict(toolName, rule);
    }

    @Override
    public void tool(McpSchema.Tool tool, ToolHandler handler) {
        tools.add(new McpServerFeatures.AsyncToolSpecification(tool, (exchange, req) -> Mono.fromCallable(
                () -> ToolErrors.call(tool.name(), exchange.transportContext(),
                        () -> handler.call(exchange.transportContext(), req)))));
    }

    @Override
    public void sessionTool(McpSchema.Tool tool, SessionToolHandler handler) {
        tools.add(new McpServerFeatures.AsyncToolSpecification(tool, (exchange, req) -> Mono.fromCallable(
                () -> ToolErrors.call(tool.name(), exchange.transportContext(), () -> handler.call(exchange, req)))));
    }

    @Override
    public void resource(McpSchema.Resource resource, ResourceHandler handler) {
        resources.add(new McpServerFeatures.AsyncResourceSpecification(resource,
                (exchange, req) -> Mono.fromCallable(() -> handler.read(exchange.transportContext(), req))));
    }

    @Override
    public void resourceTemplate(McpSchema.ResourceTemplate template, ResourceHandler handler) {
        templates.add(new McpServerFeatures.AsyncResourceTemplateSpecification(template,
                (exchange, req) -> Mono.fromCallable(() -> handler.read(exchange.transportContext(), req))));
    }

    @Override
    public void prompt(McpSchema.Prompt prompt, PromptHandler handler) {
        prompts.add(new McpServerFeatures.AsyncPromptSpecification(prompt,
                (exchange, req) -> Mono.fromCallable(() -> handler.get(exchange.transportContext(), req))));
    }

    @Override
    public void completion(McpSchema.CompleteReference reference, CompletionHandler handler) {
        completions.add(new McpServerFeatures.AsyncCompletionSpecification(reference,
                (exchange, req) -> Mono.fromCallable(() -> handler.complete(exchange.transportContext(), req))));
    }
}
