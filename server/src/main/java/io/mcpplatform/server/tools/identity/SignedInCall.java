package io.mcpplatform.server.tools.identity;

import io.mcpplatform.server.auth.UserContext;
import io.mcpplatform.server.graph.GraphException;
import io.mcpplatform.server.mcp.McpRequestContext;
import io.mcpplatform.server.obo.OboException;
import io.mcpplatform.server.tools.support.Arguments;
import io.mcpplatform.server.tools.support.ToolInputException;
import io.mcpplatform.server.tools.support.ToolResults;
import io.mcpplatform.tenants.Tenant;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tool call that needs the signed-in user: the tenant, the {@link UserContext} and the arguments (unknown ones
 * refused). Bad arguments and failures on the way to Graph become tool errors; a required interaction propagates for
 * the transport's step-up answer.
 *
 * @param tenant the tenant whose endpoint received the call
 * @param user   the signed-in user, the only source of whose data a tool touches
 * @param args   the arguments, all of them in the tool's allowed set
 */
public record SignedInCall(Tenant tenant, UserContext user, Map<String, Object> args) {

    /** The work of one tool. */
    @FunctionalInterface
    public interface Tool {
        McpSchema.CallToolResult call(SignedInCall call);
    }

    /**
     * Runs {@code tool} for the request's signed-in user.
     *
     * @param noSignIn what the tool says on a tenant without sign-in (the tenant's slug is appended)
     */
    public static McpSchema.CallToolResult run(McpTransportContext ctx, McpSchema.CallToolRequest request,
                                               Set<String> allowed, String noSignIn, Tool tool) {
        Tenant tenant = McpRequestContext.tenant(ctx);
        Optional<UserContext> user = McpRequestContext.user(ctx);
        if (user.isEmpty()) {
            return ToolResults.error(noSignIn + "; tenant " + tenant.slug() + " has no sign-in");
        }
        try {
            return tool.call(new SignedInCall(tenant, user.get(), Arguments.only(request.arguments(), allowed)));
        } catch (ToolInputException e) {
            return ToolResults.error(e.getMessage());
        } catch (OboException.ConsentRequired | OboException.Unavailable | GraphException e) {
            return ToolResults.error(GraphFailures.message(e));
        }
    }
}
