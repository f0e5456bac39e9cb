package bench.helidonmcp;

import io.helidon.extensions.mcp.server.McpServerConfig;
import io.helidon.extensions.mcp.server.McpToolResult;
import io.helidon.webserver.WebServer;

/**
 * Benchmark alternative (d): an {@code echo} tool on Oracle's Helidon MCP extension, Streamable HTTP at {@code /mcp},
 * 127.0.0.1 only, TCP_NODELAY on (Helidon's default is off, which costs ~40 ms per small write). No authentication.
 * Usage: {@code Main PORT}.
 */
public final class Main {
    private static final String SCHEMA = """
            {"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}""";

    private Main() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .connectionOptions(options -> options.tcpNoDelay(true))
                .routing(routing -> routing.addFeature(McpServerConfig.builder()
                        .name("bench-helidon-mcp")
                        .addTool(tool -> tool.name("echo")
                                .description("Echoes the message")
                                .schema(SCHEMA)
                                .tool(request -> McpToolResult.create(
                                        request.arguments().get("message").asString().orElse(""))))))
                .build()
                .start();
        System.out.println("ready on " + server.port());
    }
}
