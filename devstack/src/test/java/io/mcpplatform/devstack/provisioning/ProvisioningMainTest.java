package io.mcpplatform.devstack.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.mcpplatform.devstack.entra.DemoDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code provision} and {@code doctor} from the command line against the stand-ins, with the admin API played by a
 * recording HTTP server that answers the contract ({@code PUT /admin/v1/tenants/{slug}}: 201, then 200).
 */
class ProvisioningMainTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "bootstrap-key-for-tests";

    @TempDir
    Path dir;
    ProvisioningFixture f;
    HttpServer admin;
    final List<String[]> adminRequests = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path tokenFile;

    @BeforeEach
    void start() throws IOException {
        f = new ProvisioningFixture();
        admin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> known = new ArrayList<>();
        admin.createContext("/admin/v1/tenants/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            adminRequests.add(new String[] {exchange.getRequestMethod(), path,
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")), body});
            int status = !("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 401
                    : known.contains(path) ? 200 : 201;
            if (status == 201) {
                known.add(path);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        admin.start();
        tokenFile = Files.writeString(dir.resolve("graph-token"), f.token(DemoDirectories.ALICE,
                ProvisioningFixture.ADMIN_SCOPES));
    }

    @AfterEach
    void stop() {
        admin.stop(0);
        f.close();
    }

    private int run(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return io.mcpplatform.server.provisioning.cli.ProvisioningMainAccess.run(List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
    }

    private String[] common(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--tenant", "acme", "--entra-tenant-id",
                DemoDirectories.DEMO_TID, "--public-url", "https://mcp.example.com", "--tool-packs", "echo,graph",
                "--graph-token-file", tokenFile.toString(), "--graph-url", f.graph.baseUrl().toString(),
                "--entra-endpoint", f.entra.baseUrl().toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void provisionWhenFederatedThenRegistersTenantByContractAndDoctorPasses() throws IOException {
        int code = run(Map.of("MCP_ADMIN_API_KEY", KEY), common("provision", "--admin-url",
                "http://127.0.0.1:" + admin.getAddress().getPort(), "--display-name", "Acme",
                "--oidc-issuer", ProvisioningFixture.ISSUER.toString(), "--service-account", "mcp:mcp-platform"));

        assertEquals(0, code, err.toString());
        assertEquals(1, adminRequests.size());
        String[] put = adminRequests.getFirst();
        assertEquals("PUT", put[0]);
        assertEquals("/admin/v1/tenants/acme", put[1]);
        assertEquals("Bearer " + KEY, put[2]);
        JsonNode body = JSON.readTree(put[3]);
        String appId = body.path("entra").path("clientId").asText();
        ObjectNode expected = (ObjectNode) JSON.readTree("""
                {"displayName":"Acme","status":"active","entra":{"tenantId":"%s","clientId":"%s",
                 "authority":"https://login.microsoftonline.com","credential":{"type":"federated","source":"env"}},
                 "graph":{"scopes":["User.Read","GroupMember.Read.All","Files.Read"],"adminGroupId":null},
                 "toolPacks":["echo","graph"]}""".formatted(DemoDirectories.DEMO_TID, appId));
        assertEquals(expected, body);
        assertTrue(out.toString().contains("tenant acme provisioned: app " + appId), out.toString());

        int doctor = run(Map.of(), common("doctor", "--client-id", appId, "--oidc-issuer",
                ProvisioningFixture.ISSUER.toString(), "--service-account", "mcp:mcp-platform"));
        assertEquals(0, doctor, out + "" + err);
        assertTrue(out.toString().contains("doctor acme: 0 failed, 0 warning(s), 12 ok"), out.toString());

        f.graph.directory(DemoDirectories.DEMO_TID).application(appId).orElseThrow()
                .withArray("/web/redirectUris").removeAll();
        assertEquals(1, run(Map.of(), common("doctor", "--client-id", appId, "--oidc-issuer",
                ProvisioningFixture.ISSUER.toString(), "--service-account", "mcp:mcp-platform")));
        assertTrue(out.toString().contains("fix: add redirect URI https://mcp.example.com/t/acme/oauth2/callback"),
                out.toString());
    }

    @Test
    void provisionWhenSecretThenSecretOnlyInTheSinkFileAndTheApiBody() throws IOException {
        Path secretFile = dir.resolve("acme.secret");
        int code = run(Map.of("MCP_ADMIN_API_KEY", KEY), common("provision", "--admin-url",
                "http://127.0.0.1:" + admin.getAddress().getPort(), "--credential", "secret",
                "--secret-file", secretFile.toString(), "--secret-days", "90"));

        assertEquals(0, code, err.toString());
        String secret = Files.readString(secretFile).strip();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
        assertFalse(out.toString().contains(secret));
        assertFalse(err.toString().contains(secret));
        assertEquals(secret, JSON.readTree(adminRequests.getFirst()[3]).path("entra").path("credential")
                .path("secret").asText());

        assertEquals(0, run(Map.of("MCP_ADMIN_API_KEY", KEY), common("provision", "--admin-url",
                "http://127.0.0.1:" + admin.getAddress().getPort(), "--credential", "secret",
                "--secret-file", secretFile.toString(), "--secret-days", "90")));
        assertEquals(secret, Files.readString(secretFile).strip());
        assertTrue(out.toString().contains("client secret          unchanged"), out.toString());
    }

    @Test
    void provisionWhenAdminKeyWrongThenExitOneNamingTheRefusal() {
        int code = run(Map.of("MCP_ADMIN_API_KEY", "wrong"), common("provision", "--admin-url",
                "http://127.0.0.1:" + admin.getAddress().getPort(), "--oidc-issuer",
                ProvisioningFixture.ISSUER.toString()));

        assertEquals(1, code);
        assertEquals("mcp-platform: tenant registration: the admin API refused the API key (HTTP 401)",
                err.toString().strip());
    }

    @Test
    void provisionWhenTokenOfUserWithoutRoleThenExitOneWithInsufficientPrivileges() throws IOException {
        Files.writeString(tokenFile, f.token(DemoDirectories.BOB, ProvisioningFixture.ADMIN_SCOPES));

        int code = run(Map.of("MCP_ADMIN_API_KEY", KEY), common("provision", "--admin-url",
                "http://127.0.0.1:" + admin.getAddress().getPort(), "--oidc-issuer",
                ProvisioningFixture.ISSUER.toString()));

        assertEquals(1, code);
        String line = err.toString().strip();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.startsWith("mcp-platform: app registration: insufficient privileges"), line);
        assertTrue(adminRequests.isEmpty());
    }

    @Test
    void runWhenArgumentsBadThenExitTwoWithOneLine() {
        assertEquals(2, run(Map.of(), "provision", "--tenant"));
        assertEquals("mcp-platform: option --tenant needs a value", err.toString().strip());
        assertEquals(2, run(Map.of(), common("provision", "--admin-url", "http://127.0.0.1:9",
                "--oidc-issuer", "https://issuer.example")));
        assertEquals("mcp-platform: the admin API key is required: set MCP_ADMIN_API_KEY or --admin-key-file",
                err.toString().strip());
        assertEquals(2, run(Map.of(), "provision", "--client-secret", "x"));
        assertTrue(err.toString().startsWith("mcp-platform: unknown option '--client-secret'"), err.toString());
        assertEquals(2, run(Map.of("MCP_ADMIN_API_KEY", KEY), common("provision", "--admin-url",
                "http://127.0.0.1:9", "--oidc-issuer", "http://issuer.example")));
        assertTrue(err.toString().contains("OIDC issuer must be an https URL"), err.toString());
        assertEquals(2, run(Map.of(), "frobnicate"));
    }
}
