package io.mcpplatform.server.mcp;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.mcpplatform.server.tools.ToolPackCatalog;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Starts a WebServer on 127.0.0.1 with the MCP endpoint, the in-memory tenant directory and fixtures enabled, for the
 * conformance suite: {@code http://127.0.0.1:PORT/t/conformance/mcp}. Run with an optional port argument (default 0).
 */
public final class ConformanceFixtureServer implements AutoCloseable {
    private final McpEndpoint endpoint;
    private final WebServer server;

    private ConformanceFixtureServer(int port) {
        McpSettings settings = McpSettings.defaults().withFixturesEnabled(true);
        endpoint = new McpEndpoint(InMemoryTenantDirectory.standard(),
                ToolPackCatalog.standard(settings.fixturesEnabled()), settings, URI.create("http://127.0.0.1"));
        HttpRouting.Builder routing = HttpRouting.builder();
        endpoint.routing(routing);
        InetAddress loopback;
        try {
            loopback = InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        server = WebServer.builder()
                .address(loopback)
                .port(port)
                .connectionOptions(o -> o.tcpNoDelay(true))
                .routing(routing)
                .build()
                .start();
    }

    /** Starts the server. */
    public static ConformanceFixtureServer start(int port) {
        return new ConformanceFixtureServer(port);
    }

    /** The MCP URL of the {@code conformance} tenant. */
    public String url() {
        return "http://127.0.0.1:" + server.port() + "/t/conformance/mcp";
    }

    @Override
    public void close() {
        endpoint.close();
        server.stop();
    }

    public static void main(String[] args) throws InterruptedException {
        ConformanceFixtureServer s = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println(s.url());
        Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        Thread.currentThread().join();
    }
}
