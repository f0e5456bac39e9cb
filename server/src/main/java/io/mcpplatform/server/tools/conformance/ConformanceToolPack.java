package io.mcpplatform.server.tools.conformance;

import io.mcpplatform.server.tools.PackInstaller;
import io.mcpplatform.server.tools.ToolPack;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pack {@code conformance}: the fixtures that {@code @modelcontextprotocol/conformance} 0.1.16 server scenarios call,
 * with the names, contents and behaviour its reference server has. Offered only when fixtures are enabled (see
 * {@code ToolPackCatalog.standard}).
 */
public final class ConformanceToolPack implements ToolPack {
    /** The pack's name. */
    public static final String NAME = "conformance";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void install(PackInstaller target) {
        installContentTools(target);
        installInteractiveTools(target);
        installResources(target);
        installPrompts(target);
    }

    private static void installContentTools(PackInstaller target) {
        target.tool(tool("test_simple_text", "Tests simple text content response"),
                (ctx, req) -> result(new McpSchema.TextContent("This is a simple text response for testing.")));
        target.tool(tool("test_image_content", "Tests image content response"),
                (ctx, req) -> result(Fixtures.image()));
        target.tool(tool("test_audio_content", "Tests audio content response"),
                (ctx, req) -> result(new McpSchema.AudioContent(null, Fixtures.AUDIO_BASE64, "audio/wav")));
        target.tool(tool("test_embedded_resource", "Tests embedded resource content response"),
                (ctx, req) -> result(new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents(
                        "test://embedded-resource", "text/plain", "This is an embedded resource content."))));
        target.tool(tool("test_multiple_content_types", "Tests response with multiple content types"),
                (ctx, req) -> result(
                        new McpSchema.TextContent("Multiple content types test:"),
                        Fixtures.image(),
                        new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents(
                                "test://mixed-content-resource", "application/json", "{\"test\":\"data\",\"value\":123}"))));
        target.tool(tool("test_error_handling", "Tests error response handling"), (ctx, req) -> {
            throw new IllegalStateException("This tool intentionally returns an error for testing");
        });
        target.tool(McpSchema.Tool.builder()
                        .name("json_schema_2020_12_tool")
                        .description("Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)")
                        .inputSchema(Fixtures.jsonSchema202012())
                        .build(),
                (ctx, req) -> result(new McpSchema.TextContent(
                        "JSON Schema 2020-12 tool called with: " + req.arguments())));
    }

    private static void installInteractiveTools(PackInstaller target) {
        target.sessionTool(tool("test_tool_with_logging", "Tests tool that emits log messages during execution"),
                (exchange, req) -> {
                    for (String line : List.of("Tool execution started", "Tool processing data",
                            "Tool execution completed")) {
                        exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder()
                                .level(McpSchema.LoggingLevel.INFO)
                                .logger("conformance-test-server")
                                .data(line)
                                .build()).block();
                    }
                    return result(new McpSchema.TextContent("Tool with logging executed successfully"));
                });
        target.sessionTool(tool("test_tool_with_progress", "Tests tool that reports progress notifications"),
                (exchange, req) -> {
                    Object token = req.meta() == null ? null : req.meta().get("progressToken");
                    if (token != null) {
                        for (int step : new int[] {0, 50, 100}) {
                            exchange.progressNotification(new McpSchema.ProgressNotification(token, step, 100.0,
                                    "Completed step " + step + " of 100")).block();
                        }
                    }
                    return result(new McpSchema.TextContent(String.valueOf(token == null ? 0 : token)));
                });
        target.sessionTool(toolWithStringArg("test_sampling",
                        "Tests server-initiated sampling (LLM completion request)", "prompt",
                        "The prompt to send to the LLM"),
                ConformanceToolPack::sampling);
        target.sessionTool(toolWithStringArg("test_elicitation",
                        "Tests server-initiated elicitation (user input request)", "message",
                        "The message to show the user"),
                (exchange, req) -> elicit(exchange, "User response: ",
                        String.valueOf(req.arguments() == null ? "" : req.arguments().getOrDefault("message", "")),
                        Fixtures.simpleElicitationSchema()));
        target.sessionTool(tool("test_elicitation_sep1034_defaults",
                        "Tests elicitation with default values per SEP-1034"),
                (exchange, req) -> elicit(exchange, "Elicitation completed: ",
                        "Please review and update the form fields with defaults", Fixtures.defaultsSchema()));
        target.sessionTool(tool("test_elicitation_sep1330_enums",
                        "Tests elicitation with enum schema improvements per SEP-1330"),
                (exchange, req) -> elicit(exchange, "Elicitation completed: ",
                        "Please select options from the enum fields", Fixtures.enumsSchema()));
    }

    private static McpSchema.CallToolResult sampling(McpAsyncServerExchange exchange, McpSchema.CallToolRequest req) {
        String prompt = String.valueOf(req.arguments() == null ? "" : req.arguments().getOrDefault("prompt", ""));
        McpSchema.CreateMessageResult answer = exchange.createMessage(McpSchema.CreateMessageRequest.builder()
                .messages(List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER,
                        new McpSchema.TextContent(prompt))))
                .maxTokens(100)
                .build()).block();
        String text = answer != null && answer.content() instanceof McpSchema.TextContent t ? t.text() : "No response";
        return result(new McpSchema.TextContent("LLM response: " + text));
    }

    private static McpSchema.CallToolResult elicit(McpAsyncServerExchange exchange, String prefix, String message,
                                                   Map<String, Object> schema) {
        McpSchema.ElicitResult answer = exchange.createElicitation(
                McpSchema.ElicitRequest.builder(message, schema).build()).block();
        if (answer == null) {
            return result(new McpSchema.TextContent(prefix + "no answer"));
        }
        return result(new McpSchema.TextContent(prefix + "action=" + answer.action().name().toLowerCase()
                + ", content=" + (answer.content() == null ? Map.of() : answer.content())));
    }

    private static void installResources(PackInstaller target) {
        target.resource(McpSchema.Resource.builder().uri("test://static-text").name("static-text")
                        .title("Static Text Resource").description("A static text resource for testing")
                        .mimeType("text/plain").build(),
                (ctx, req) -> new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(
                        "test://static-text", "text/plain", "This is the content of the static text resource."))));
        target.resource(McpSchema.Resource.builder().uri("test://static-binary").name("static-binary")
                        .title("Static Binary Resource").description("A static binary resource (image) for testing")
                        .mimeType("image/png").build(),
                (ctx, req) -> new McpSchema.ReadResourceResult(List.of(new McpSchema.BlobResourceContents(
                        "test://static-binary", "image/png", Fixtures.IMAGE_BASE64))));
        target.resource(McpSchema.Resource.builder().uri("test://watched-resource").name("watched-resource")
                        .title("Watched Resource").description("A resource clients can subscribe to")
                        .mimeType("text/plain").build(),
                (ctx, req) -> new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(
                        "test://watched-resource", "text/plain", "Watched resource content"))));
        target.resourceTemplate(McpSchema.ResourceTemplate.builder().uriTemplate("test://template/{id}/data")
                        .name("template").title("Resource Template")
                        .description("A resource template with parameter substitution")
                        .mimeType("application/json").build(),
                (ctx, req) -> {
                    String id = Fixtures.templateId(req.uri());
                    return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(req.uri(),
                            "application/json", "{\"id\":\"" + id + "\",\"templateTest\":true,\"data\":\"Data for ID: "
                            + id + "\"}")));
                });
    }

    private static void installPrompts(PackInstaller target) {
        target.prompt(new McpSchema.Prompt("test_simple_prompt", "Simple Test Prompt",
                        "A simple prompt without arguments", List.of()),
                (ctx, req) -> new McpSchema.GetPromptResult(null, List.of(userText(
                        "This is a simple prompt for testing."))));
        target.prompt(new McpSchema.Prompt("test_prompt_with_arguments", "Prompt With Arguments",
                        "A prompt with required arguments", List.of(
                        new McpSchema.PromptArgument("arg1", "First test argument", true),
                        new McpSchema.PromptArgument("arg2", "Second test argument", true))),
                (ctx, req) -> new McpSchema.GetPromptResult(null, List.of(userText(
                        "Prompt with arguments: arg1='" + arg(req, "arg1") + "', arg2='" + arg(req, "arg2") + "'"))));
        target.prompt(new McpSchema.Prompt("test_prompt_with_embedded_resource", "Prompt With Embedded Resource",
                        "A prompt that includes an embedded resource", List.of(
                        new McpSchema.PromptArgument("resourceUri", "URI of the resource to embed", true))),
                (ctx, req) -> new McpSchema.GetPromptResult(null, List.of(
                        new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.EmbeddedResource(null,
                                new McpSchema.TextResourceContents(arg(req, "resourceUri"), "text/plain",
                                        "Embedded resource content for testing."))),
                        userText("Please process the embedded resource above."))));
        target.prompt(new McpSchema.Prompt("test_prompt_with_image", "Prompt With Image",
                        "A prompt that includes image content", List.of()),
                (ctx, req) -> new McpSchema.GetPromptResult(null, List.of(
                        new McpSchema.PromptMessage(McpSchema.Role.USER, Fixtures.image()),
                        userText("Please analyze the image above."))));
        target.completion(new McpSchema.PromptReference("test_prompt_with_arguments"),
                (ctx, req) -> new McpSchema.CompleteResult(
                        new McpSchema.CompleteResult.CompleteCompletion(List.of(), 0, false)));
    }

    private static String arg(McpSchema.GetPromptRequest req, String name) {
        Object value = req.arguments() == null ? null : req.arguments().get(name);
        return value == null ? "" : value.toString();
    }

    private static McpSchema.PromptMessage userText(String text) {
        return new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(text));
    }

    private static McpSchema.Tool tool(String name, String description) {
        return McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(Map.of("type", "object", "properties", Map.of())).build();
    }

    private static McpSchema.Tool toolWithStringArg(String name, String description, String arg, String argDescription) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.of(arg, Map.of("type", "string", "description", argDescription)));
        schema.put("required", List.of(arg));
        return McpSchema.Tool.builder().name(name).description(description).inputSchema(schema).build();
    }

    private static McpSchema.CallToolResult result(McpSchema.Content... content) {
        return McpSchema.CallToolResult.builder().content(List.of(content)).build();
    }
}
