package bench.javasdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Benchmark alternative (e): an {@code echo} tool on the MCP Java SDK's servlet Streamable HTTP transport, on an
 * embedded Jetty 12.1, {@code /mcp}, 127.0.0.1 only. Jetty sets TCP_NODELAY on accepted sockets itself
 * ({@code ServerConnector.acceptedTcpNoDelay}, default true); it is set explicitly here. No authentication.
 * Usage: {@code Main PORT}.
 */
public final class Main {
    private static final String SCHEMA = """
            {"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}""";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint("/mcp")
                .build();
        McpSchema.Tool echo = McpSchema.Tool.builder().name("echo").description("Echoes the message")
                .inputSchema(json, SCHEMA).build();
        McpServer.sync(transport)
                .serverInfo("bench-java-sdk", "0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(McpServerFeatures.SyncToolSpecification.builder()
                        .tool(echo)
                        .callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
                                .addTextContent(String.valueOf(request.arguments().get("message")))
                                .build())
                        .build())
                .build();

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptedTcpNoDelay(true);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(transport), "/*");
        server.setHandler(context);
        server.start();
        System.out.println("ready on " + port);
        server.join();
    }
}
