package io.mcpplatform.devstack;

import io.mcpplatform.devstack.entra.DevEntra;
import io.mcpplatform.devstack.entra.DevSecrets;
import io.mcpplatform.devstack.graph.GraphStandIn;
import io.mcpplatform.server.Main;
import io.mcpplatform.server.PlatformOptions;
import io.mcpplatform.server.config.ConfigLoader;
import io.mcpplatform.server.config.PlatformConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bin/mcp-platform dev}: the whole platform on a laptop — embedded PostgreSQL with persistent data, the
 * stand-in Entra (started first, on {@code MCP_STANDIN_ENTRA_PORT}, default 8081), the demo, contoso and conformance
 * tenants, fixtures and the benchmark endpoint on. The encryption key is generated on first run into the data
 * directory ({@code .data/encryption.key}, mode 0600) unless one is configured. Configuration overrides work as in
 * production.
 */
public final class DevMain {
    /** Environment variable naming the stand-in Graph's port. */
    static final String GRAPH_PORT_ENV = "MCP_STANDIN_GRAPH_PORT";
    /** The stand-in Graph's default port (the stand-in Entra has 8081). */
    static final int DEFAULT_GRAPH_PORT = 8082;

    private DevMain() {
    }

    public static void main(String[] args) {
        Map<String, String> environment = localEnvironment(System.getenv());
        PlatformConfig config = PlatformConfig.create(ConfigLoader.load(environment, List.of("devstack.yaml")));
        Path dataDir = dataDirectory(config);
        DevEntra entra = DevEntra.start(dataDir, environment);
        Runtime.getRuntime().addShutdownHook(new Thread(entra::close, "stand-in-entra-stop"));
        GraphStandIn graph = GraphStandIn.start(graphPort(environment), entra.standIn().baseUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(graph::close, "stand-in-graph-stop"));
        Map<String, String> withKey = withAdminKey(withEncryptionKey(environment, dataDir), dataDir);
        Main.launch(args, () -> ConfigLoader.load(withKey, List.of("devstack.yaml")),
                PlatformOptions.defaults()
                        .withEmbeddedDatabase(new EmbeddedPostgresProvider())
                        .withSeeder(DemoTenants.seeder(entra))
                        .withBenchmarkEndpoint()
                        .withEntra(entra.connection())
                        .withGraphBaseUrl(graph.baseUrl()));
    }

    /** The stand-in Graph's port: {@value #GRAPH_PORT_ENV}, else {@value #DEFAULT_GRAPH_PORT}. */
    static int graphPort(Map<String, String> environment) {
        String port = environment.get(GRAPH_PORT_ENV);
        return blank(port) ? DEFAULT_GRAPH_PORT : Integer.parseInt(port.strip());
    }

    /** The directory that holds the local database and the generated secrets ({@code .data}). */
    static Path dataDirectory(PlatformConfig config) {
        return config.embeddedDatabase().dataDirectory().toAbsolutePath().getParent();
    }

    /**
     * The environment plus the dev admin API settings, unless configured: the SHA-256 of the bootstrap key generated
     * into the data directory (the key itself stays in that file), and the stand-in's platform app for operators.
     */
    static Map<String, String> withAdminKey(Map<String, String> environment, Path dataDir) {
        Map<String, String> env = new HashMap<>(environment);
        if (blank(env.get("MCP_ADMIN_BOOTSTRAP_KEY_SHA256"))) {
            Path key = DevSecrets.adminKey(dataDir);
            env.put("MCP_ADMIN_BOOTSTRAP_KEY_SHA256", DevSecrets.sha256Hex(DevSecrets.read(key)));
            System.out.println("mcp-platform: admin API  curl -H \"Authorization: ApiKey $(cat "
                    + key.toAbsolutePath() + ")\" http://127.0.0.1:" + env.getOrDefault("MCP_ADMIN_PORT", "9090")
                    + "/admin/v1/tenants   (OpenAPI: /admin/v1/openapi)");
        }
        if (blank(env.get("MCP_OPERATOR_CLIENT_ID"))) {
            env.put("MCP_OPERATOR_TENANT_ID", io.mcpplatform.devstack.entra.DemoDirectories.DEMO_TID);
            env.put("MCP_OPERATOR_CLIENT_ID", io.mcpplatform.devstack.entra.DemoDirectories.PLATFORM_CLIENT_ID);
        }
        return env;
    }

    /** The environment plus the generated key file, unless a key is configured. */
    static Map<String, String> withEncryptionKey(Map<String, String> environment, Path dataDir) {
        Map<String, String> env = new HashMap<>(environment);
        if (blank(env.get("MCP_ENCRYPTION_KEY")) && blank(env.get("MCP_ENCRYPTION_KEY_FILE"))) {
            env.put("MCP_ENCRYPTION_KEY_FILE", DevSecrets.encryptionKey(dataDir).toString());
        }
        return env;
    }

    private static Map<String, String> localEnvironment(Map<String, String> environment) {
        return Map.copyOf(environment);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
