package io.mcpplatform.server.mcp;

import io.mcpplatform.server.obo.OboException;
import io.modelcontextprotocol.common.McpTransportContext;
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

    static McpSchema.CallToolResult call(String tool, McpTransportContext context,
                                         Callable<McpSchema.CallToolResult> handler) throws Exception {
        try {
            return handler.call();
        } catch (McpError e) {
            throw e;
        } catch (OboException.InteractionRequired e) {
            // answered with a 403 step-up challenge by the transport unless the answer already streams
            McpRequestContext.stepUp(context).ifPresent(s -> s.require(e.claims()));
            return McpSchema.CallToolResult.builder()
                    .addTextContent("You need to sign in again to use " + tool + ".").isError(true).build();
        } catch (OboException.ConsentRequired e) {
            return McpSchema.CallToolResult.builder()
                    .addTextContent("An administrator of your organisation must first grant this app access. Ask"
                            + " your administrator to open " + e.adminConsentUrl())
                    .isError(true).build();
        } catch (Exception e) {
            LOG.log(Level.FINE, "tool " + tool + " failed", e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
        }
    }
}
