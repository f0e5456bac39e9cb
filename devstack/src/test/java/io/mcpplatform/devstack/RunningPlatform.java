package io.mcpplatform.devstack;

import io.mcpplatform.devstack.entra.DevEntra;
import io.mcpplatform.devstack.entra.DevSecrets;
import io.mcpplatform.devstack.graph.GraphStandIn;
import io.mcpplatform.server.Platform;
import io.mcpplatform.server.PlatformOptions;
import io.mcpplatform.server.config.ConfigLoader;
import io.mcpplatform.server.config.PlatformConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole platform as {@code bin/mcp-platform dev} runs it, on free ports and a fresh data directory. */
public final class RunningPlatform implements AutoCloseable {
    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
            "capabilities":{},"clientInfo":{"name":"e2e","version":"1"}}}""";

    /** The bootstrap key of the admin API in tests (its SHA-256 is configured). */
    public static final String ADMIN_KEY = "test-bootstrap-key-not-a-real-credential";

    public final Platform platform;
    public final DevEntra entra;
    public final GraphStandIn graph;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final boolean ownsStandIns;

    private RunningPlatform(Platform platform, DevEntra entra, GraphStandIn graph, boolean ownsStandIns) {
        this.platform = platform;
        this.entra = entra;
        this.graph = graph;
        this.ownsStandIns = ownsStandIns;
    }

    /**
     * The platform-wide request rate raised to its maximum: the tests' bursts (attack and isolation matrices, the
     * conformance suite, parallel refreshes) and the benchmarks exercise the platform, not its limiter, whose default
     * of 100 requests per second a fast machine would reach. Tests of the limiter set a tenant's own limit.
     */
    private static final String UNLIMITED_RATE = """
              limits:
                requests-per-second: %d
            """.formatted(io.mcpplatform.tenants.TenantLimits.MAX);

    public static RunningPlatform start(Path dataDir) {
        return start(dataDir, java.util.function.UnaryOperator.identity());
    }

    /** Starts with the devstack's options, changed by {@code customize} (e.g. a test metadata-document fetcher). */
    static RunningPlatform start(Path dataDir, java.util.function.UnaryOperator<PlatformOptions> customize) {
        return start(dataDir, UNLIMITED_RATE, customize);
    }

    private static RunningPlatform start(Path dataDir, String extraYaml,
                                         java.util.function.UnaryOperator<PlatformOptions> customize) {
        DevEntra entra = DevEntra.start(dataDir, 0, false);
        GraphStandIn graph = GraphStandIn.start(0, entra.standIn().baseUrl());
        try {
            return instance(dataDir, extraYaml, entra, graph,
                    o -> customize.apply(o.withEmbeddedDatabase(new EmbeddedPostgresProvider())), true);
        } catch (RuntimeException e) {
            graph.close();
            entra.close();
            throw e;
        }
    }

    /**
     * One platform instance on stand-ins someone else owns (several instances share them, and a database).
     *
     * @param extraYaml lines below {@code platform:}, indented by two spaces
     * @param customize must set the embedded database provider
     */
    static RunningPlatform instance(Path dataDir, String extraYaml, DevEntra entra, GraphStandIn graph,
                                    java.util.function.UnaryOperator<PlatformOptions> customize, boolean ownsStandIns) {
        try {
            Files.createDirectories(dataDir);
            Path config = Files.createTempFile(dataDir, "e2e", ".yaml");
            Files.writeString(config, """
                    platform:
                      tenants:
                        refresh-interval: 200ms
                      embedded-db:
                        port: 0
                    """ + extraYaml);
            Map<String, String> env = Map.of("MCP_PUBLIC_PORT", "0", "MCP_ADMIN_PORT", "0",
                    "MCP_DATA_DIR", dataDir.resolve("pg").toString(), "MCP_CONFIG", config.toString(),
                    "MCP_ENCRYPTION_KEY_FILE", DevSecrets.encryptionKey(dataDir).toString(),
                    "MCP_ADMIN_BOOTSTRAP_KEY_SHA256", DevSecrets.sha256Hex(ADMIN_KEY),
                    "MCP_OPERATOR_TENANT_ID", io.mcpplatform.devstack.entra.DemoDirectories.DEMO_TID,
                    "MCP_OPERATOR_CLIENT_ID", io.mcpplatform.devstack.entra.DemoDirectories.PLATFORM_CLIENT_ID);
            PlatformConfig platformConfig = PlatformConfig.create(ConfigLoader.load(env, List.of("devstack.yaml")));
            return new RunningPlatform(Platform.start(platformConfig, customize.apply(PlatformOptions.defaults()
                    .withSeeder(DemoTenants.seeder(entra))
                    .withBenchmarkEndpoint()
                    .withEntra(entra.connection())
                    .withGraphBaseUrl(graph.baseUrl()))), entra, graph, ownsStandIns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI admin(String path) {
        return URI.create("http://127.0.0.1:" + platform.adminPort() + path);
    }

    URI publicUrl(String path) {
        return URI.create(platform.baseUrl() + path);
    }

    HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    HttpResponse<String> initialize(String tenant) {
        return send(HttpRequest.newBuilder(platform.mcpUrl(tenant))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE))
                .build());
    }

    /** The stand-in Entra's {@code host:port}, where the scripted browser adds {@code login_hint}. */
    String entraHost() {
        return entra.standIn().baseUrl().getRawAuthority();
    }

    /** Calls a tool with a bearer token on a fresh session; returns the tools/call answer (or the failed initialize). */
    HttpResponse<String> callTool(String tenant, String token, String tool) {
        HttpResponse<String> init = initialize(tenant, token);
        if (init.statusCode() != 200) {
            return init;
        }
        return callTool(tenant, token, init.headers().firstValue("Mcp-Session-Id").orElseThrow(), tool);
    }

    /** Opens a session with a bearer token. */
    HttpResponse<String> initialize(String tenant, String token) {
        return send(HttpRequest.newBuilder(platform.mcpUrl(tenant))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE))
                .build());
    }

    /** Calls a tool without arguments on an existing session. */
    HttpResponse<String> callTool(String tenant, String token, String session, String tool) {
        return callTool(tenant, token, session, tool, "{}");
    }

    /** Calls a tool on an existing session with these arguments (a JSON object). */
    HttpResponse<String> callTool(String tenant, String token, String session, String tool, String arguments) {
        return send(HttpRequest.newBuilder(platform.mcpUrl(tenant))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}"))
                .build());
    }

    /** An Entra access token for the tenant's own app, as an agent presents it directly (no platform sign-in). */
    String entraToken(String tid, io.mcpplatform.devstack.entra.DemoUser user, String clientId) {
        return entra.standIn().accessToken(tid, user, clientId, "api://" + clientId + "/access_as_user");
    }

    /** The JSON-RPC {@code result} of a 200 answer, whether sent as JSON or as the last SSE event. */
    static com.fasterxml.jackson.databind.JsonNode result(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200, got " + response.statusCode() + ": " + response.body());
        }
        String body = response.body();
        String json = body.startsWith("{") ? body : body.lines().filter(l -> l.startsWith("data:"))
                .map(l -> l.substring(5).trim()).reduce((a, b) -> b).orElseThrow();
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tool names {@code tools/list} shows this caller on a fresh session. */
    List<String> toolNames(String tenant, String token) {
        HttpResponse<String> init = initialize(tenant, token);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        HttpResponse<String> list = send(HttpRequest.newBuilder(platform.mcpUrl(tenant))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}"))
                .build());
        List<String> names = new java.util.ArrayList<>();
        result(list).path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            platform.close();
        } finally {
            if (ownsStandIns) {
                graph.close();
                entra.close();
            }
        }
    }
}
