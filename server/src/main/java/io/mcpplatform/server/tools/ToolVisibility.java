package io.mcpplatform.server.tools;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Which tools a caller may see in {@code tools/list}: a pack can restrict a tool to some users (e.g. the admin tool
 * to members of the tenant's admin group). Unrestricted tools are listed for everyone; a rule that fails hides the
 * tool. Calling stays guarded by the tool itself: hiding is for the user's benefit, not the security boundary.
 */
public final class ToolVisibility {
    private final Map<String, Predicate<McpTransportContext>> rules = new ConcurrentHashMap<>();

    /** Lists {@code tool} only for callers for whom {@code rule} holds. */
    public void restrict(String tool, Predicate<McpTransportContext> rule) {
        rules.put(tool, rule);
    }

    /** Whether any tool is restricted (nothing to filter otherwise). */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The answer to {@code tools/list} as this caller may see it; any other message unchanged. */
    public McpSchema.JSONRPCMessage filter(McpSchema.JSONRPCMessage message, McpTransportContext context,
                                           McpJsonMapper mapper) {
        if (rules.isEmpty() || !(message instanceof McpSchema.JSONRPCResponse response) || response.result() == null) {
            return message;
        }
        McpSchema.ListToolsResult result = mapper.convertValue(response.result(), McpSchema.ListToolsResult.class);
        McpSchema.ListToolsResult visible = new McpSchema.ListToolsResult(
                result.tools().stream().filter(t -> visible(t.name(), context)).toList(), result.nextCursor());
        return new McpSchema.JSONRPCResponse(response.jsonrpc(), response.id(), visible, response.error());
    }

    private boolean visible(String tool, McpTransportContext context) {
        Predicate<McpTransportContext> rule = rules.get(tool);
        if (rule == null) {
            return true;
        }
        try {
            return rule.test(context);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
