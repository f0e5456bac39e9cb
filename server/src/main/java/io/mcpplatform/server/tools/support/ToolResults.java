package io.mcpplatform.server.tools.support;

import io.modelcontextprotocol.spec.McpSchema;

import java.util.Map;

/** Tool results as every pack writes them: readable text plus {@code structuredContent}, or a tool error. */
public final class ToolResults {
    private ToolResults() {
    }

    /** A successful result: {@code text} for people, {@code structured} matching the tool's output schema. */
    public static McpSchema.CallToolResult ok(String text, Map<String, Object> structured) {
        return McpSchema.CallToolResult.builder().addTextContent(text).structuredContent(structured).build();
    }

    /** A tool error ({@code isError: true}) with a message that tells the caller what to change. */
    public static McpSchema.CallToolResult error(String text) {
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(true).build();
    }
}
