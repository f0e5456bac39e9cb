package io.mcpplatform.server.tools.echo;

import io.mcpplatform.server.auth.UserContext;
import io.mcpplatform.server.mcp.McpRequestContext;
import io.mcpplatform.server.tools.PackInstaller;
import io.mcpplatform.server.tools.ToolPack;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pack {@code echo}: tool {@code echo} returns {@code message} as text and as structured content; tool
 * {@code signed_in_user} returns who the platform says is calling (the {@code UserContext} every tool receives),
 * without calling any API.
 */
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

    private static final McpSchema.Tool SIGNED_IN_USER = McpSchema.Tool.builder()
            .name("signed_in_user")
            .title("Signed-in user")
            .description("Tells who is signed in: tenant, Entra directory and object id, name, scopes and client.")
            .inputSchema(Map.of("type", "object", "properties", Map.of(), "additionalProperties", false))
            .outputSchema(Map.of(
                    "type", "object",
                    "properties", Map.of(
                            "signedIn", Map.of("type", "boolean"),
                            "tenant", Map.of("type", "string"),
                            "tid", Map.of("type", "string"),
                            "oid", Map.of("type", "string"),
                            "name", Map.of("type", "string"),
                            "username", Map.of("type", "string"),
                            "scopes", Map.of("type", "array", "items", Map.of("type", "string")),
                            "clientId", Map.of("type", "string")),
                    "required", List.of("signedIn", "tenant")))
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
        target.tool(SIGNED_IN_USER, (context, request) -> signedInUser(context));
    }

    private static McpSchema.CallToolResult signedInUser(McpTransportContext context) {
        String tenant = McpRequestContext.tenant(context).slug();
        Optional<UserContext> user = McpRequestContext.user(context);
        if (user.isEmpty()) {
            return McpSchema.CallToolResult.builder()
                    .addTextContent("Nobody is signed in: tenant " + tenant + " does not require sign-in.")
                    .structuredContent(Map.of("signedIn", false, "tenant", tenant))
                    .build();
        }
        UserContext u = user.get();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("signedIn", true);
        info.put("tenant", tenant);
        info.put("tid", u.tid());
        info.put("oid", u.oid());
        info.put("name", u.name());
        info.put("username", u.username());
        info.put("scopes", u.scopes().stream().sorted().toList());
        info.put("clientId", u.clientId());
        return McpSchema.CallToolResult.builder()
                .addTextContent("Signed in as " + (u.name().isEmpty() ? u.oid() : u.name())
                        + (u.username().isEmpty() ? "" : " (" + u.username() + ")") + " in tenant " + tenant
                        + ", Entra object id " + u.oid() + ", through client " + u.clientId() + ".")
                .structuredContent(info)
                .build();
    }
}
