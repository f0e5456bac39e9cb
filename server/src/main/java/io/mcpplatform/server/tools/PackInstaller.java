package io.mcpplatform.server.tools;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * What a {@link ToolPack} can add to one tenant's MCP server. Handlers are plain blocking code: they run on the
 * request's virtual thread and may block (for example on a database or an HTTP call). They learn the tenant (and
 * later the user) from the {@link McpTransportContext}, see {@code io.mcpplatform.server.mcp.McpRequestContext}.
 * <p>
 * A handler that throws turns into an error: for tools a result with {@code isError: true}, elsewhere a JSON-RPC
 * error.
 */
public interface PackInstaller {

    /** Whether the server being built keeps sessions (server-to-client requests, progress and logging work). */
    boolean stateful();

    /** A tool that needs nothing but its arguments and the transport context: offered in every mode. */
    void tool(McpSchema.Tool tool, ToolHandler handler);

    /**
     * A tool that talks back to the client during the call (progress, logging, sampling, elicitation): offered only
     * when the server is {@linkplain #stateful() stateful}, skipped otherwise.
     */
    void sessionTool(McpSchema.Tool tool, SessionToolHandler handler);

    /**
     * Lists a tool in {@code tools/list} only for callers for whom {@code rule} holds (the tool must still refuse
     * callers it does not serve: hiding is a courtesy, not the security check).
     */
    void restrictVisibility(String toolName, java.util.function.Predicate<McpTransportContext> rule);

    /** A resource with a fixed URI. */
    void resource(McpSchema.Resource resource, ResourceHandler handler);

    /** A family of resources whose URIs match an RFC 6570 template. */
    void resourceTemplate(McpSchema.ResourceTemplate template, ResourceHandler handler);

    /** A prompt. */
    void prompt(McpSchema.Prompt prompt, PromptHandler handler);

    /** Argument completion for a prompt or resource template. */
    void completion(McpSchema.CompleteReference reference, CompletionHandler handler);

    /** Runs a tool call. */
    @FunctionalInterface
    interface ToolHandler {
        McpSchema.CallToolResult call(McpTransportContext context, McpSchema.CallToolRequest request) throws Exception;
    }

    /** Runs a tool call with the session's exchange (join its Monos with {@code block()}: this is a virtual thread). */
    @FunctionalInterface
    interface SessionToolHandler {
        McpSchema.CallToolResult call(McpAsyncServerExchange exchange, McpSchema.CallToolRequest request)
                throws Exception;
    }

    /** Reads a resource. */
    @FunctionalInterface
    interface ResourceHandler {
        McpSchema.ReadResourceResult read(McpTransportContext context, McpSchema.ReadResourceRequest request)
                throws Exception;
    }

    /** Renders a prompt. */
    @FunctionalInterface
    interface PromptHandler {
        McpSchema.GetPromptResult get(McpTransportContext context, McpSchema.GetPromptRequest request) throws Exception;
    }

    /** Completes an argument. */
    @FunctionalInterface
    interface CompletionHandler {
        McpSchema.CompleteResult complete(McpTransportContext context, McpSchema.CompleteRequest request)
                throws Exception;
    }
}
