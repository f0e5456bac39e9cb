package io.mcpplatform.server.tools.echo;

import io.mcpplatform.server.tools.PackInstaller;
import io.mcpplatform.server.tools.ToolPack;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.List;
import java.util.Map;

/** Pack {@code echo}: tool {@code echo} returns {@code message} as text and as structured content. */
public final class EchoToolPack implements ToolPack {
    /** The pack's name. */
    public static final String NAME = "echo";

    private static final McpSchema.Tool ECHO = McpSchema.Tool.builder()
            .name("echo")
            .title("Echo")
            .description("Returns the message it is given.")
            .inputSchema(Map.of(
                    "type", "object",
                    "properties", Map.of("message", Map.of("type", "string", "description", "Text to echo back")),
                    "required", List.of("message")))
            .outputSchema(Map.of(
                    "type", "object",
                    "properties", Map.of("message", Map.of("type", "string")),
                    "required", List.of("message")))
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void install(PackInstaller target) {
        target.tool(ECHO, (context, request) -> {
            Object message = request.arguments() == null ? null : request.arguments().get("message");
            if (!(message instanceof String text)) {
                return McpSchema.CallToolResult.builder()
                        .addTextContent("argument 'message' must be a string")
                        .isError(true)
                        .build();
            }
            return McpSchema.CallToolResult.builder()
                    .addTextContent(text)
                    .structuredContent(Map.of("message", text))
                    .build();
        });
    }
}
