package io.mcpplatform.server.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs a tool handler and turns an exception into a tool result with {@code isError: true}, as MCP asks. */
final class ToolErrors {
    private static final Logger LOG = Logger.getLogger(ToolErrors.class.getName());

    private ToolErrors() {
    }

    static McpSchema.CallToolResult call(String tool, Callable<McpSchema.CallToolResult> handler) throws Exception {
        try {
            return handler.call();
        } catch (McpError e) {
            throw e;
        } catch (Exception e) {
            LOG.log(Level.FINE, "tool " + tool + " failed", e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
        }
    }
}
