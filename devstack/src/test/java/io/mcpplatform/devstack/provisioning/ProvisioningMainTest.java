package io.mcpplatform.devstack.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.devstack.RunningPlatform;
import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.graph.GraphStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code provision} and {@code doctor} from the command line against the stand-in Entra and Graph, registering the
 * tenant through the REAL admin API of a running platform (embedded PostgreSQL) with the bootstrap key.
 */
class ProvisioningMainTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = RunningPlatform.ADMIN_KEY;
    private static final Pattern APP_ID = Pattern.compile("provisioned: app ([0-9a-f-]{36})");

    @TempDir
    static Path platformDir;
    static RunningPlatform running;
    static ProvisioningFixture f;

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path tokenFile;

    @BeforeAll
    static void startPlatform() {
        running = RunningPlatform.start(platformDir);
        f = new ProvisioningFixture(running.entra.standIn(), running.graph);
    }

    @AfterAll
    static void stopPlatform() {
        if (running != null) {
            running.close();
        }
    }

    @BeforeEach
    void tokenFile() throws IOException {
        tokenFile = Files.writeString(dir.resolve("graph-token"), f.token(DemoDirectories.ALICE,
                ProvisioningFixture.ADMIN_SCOPES));
    }

    private int run(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return io.mcpplatform.server.provisioning.cli.ProvisioningMainAccess.run(List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
    }

    private String[] common(String command, String slug, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--tenant", slug, "--entra-tenant-id",
                DemoDirectories.DEMO_TID, "--graph-token-file", tokenFile.toString(), "--graph-url",
                f.graph.baseUrl().toString(), "--entra-endpoint", f.entra.baseUrl().toString()));
        for (String[] option : new String[][] {{"--tool-packs", "echo,graph"}, {"--public-url",
                "https://mcp.example.com"}}) {
            if (!List.of(more).contains(option[0])) {
                args.addAll(List.of(option));
            }
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private String[] provision(String slug, String... more) {
        List<String> args = new ArrayList<>(List.of("--admin-url", adminUrl()));
        args.addAll(List.of(more));
        return common("provision", slug, args.toArray(String[]::new));
    }

    private static String adminUrl() {
        return running.admin("").toString();
    }

    private static HttpResponse<String> admin(String method, String path, String body, String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(running.admin(path)).header("Authorization", "ApiKey " + KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return running.send(b.build());
    }

    private String appId() {
        Matcher m = APP_ID.matcher(out.toString());
        assertTrue(m.find(), out.toString());
        return m.group(1);
    }

    private static long graphWrites() {
        return running.graph.requests().stream().filter(GraphStandIn.Request::isWrite).count();
    }

    @Test
    void provisionWhenFederatedThenTenantInThePlatformAndSecondRunWritesNothing() throws IOException {
        int code = run(Map.of("MCP_ADMIN_API_KEY", KEY), provision("acme-fed", "--display-name", "Acme",
                "--oidc-issuer", ProvisioningFixture.ISSUER.toString(), "--service-account", "mcp:mcp-platform"));

        assertEquals(0, code, err.toString());
        String appId = appId();
        assertTrue(out.toString().contains("tenant registration    created   acme-fed"), out.toString());
        HttpResponse<String> read = admin("GET", "/admin/v1/tenants/acme-fed", null, null);
        assertEquals(200, read.statusCode(), read.body());
        JsonNode tenant = JSON.readTree(read.body());
        ObjectNode expected = (ObjectNode) JSON.readTree("""
                {"displayName":"Acme","status":"active","entra":{"tenantId":"%s","clientId":"%s",
                 "authority":"https://login.microsoftonline.com","credential":{"type":"federated","source":"env"}},
                 "graph":{"scopes":["User.Read","GroupMember.Read.All","Files.Read"],"adminGroupId":null},
                 "toolPacks":["echo","graph"]}""".formatted(DemoDirectories.DEMO_TID, appId));
        expected.fieldNames().forEachRemaining(name -> assertEquals(expected.get(name), tenant.get(name), name));
        String etag = read.headers().firstValue("ETag").orElseThrow();

        long writes = graphWrites();
        assertEquals(0, run(Map.of("MCP_ADMIN_API_KEY", KEY), provision("acme-fed", "--display-name", "Acme",
                "--oidc-issuer", ProvisioningFixture.ISSUER.toString(), "--service-account", "mcp:mcp-platform")),
                err.toString());
        assertTrue(out.toString().contains("(nothing changed)"), out.toString());
        assertTrue(out.toString().contains("tenant registration    unchanged acme-fed"), out.toString());
        assertEquals(writes, graphWrites());
        assertEquals(etag, admin("GET", "/admin/v1/tenants/acme-fed", null, null).headers().firstValue("ETag")
                .orElseThrow());

        int doctor = run(Map.of(), common("doctor", "acme-fed", "--client-id", appId, "--oidc-issuer",
                ProvisioningFixture.ISSUER.toString(), "--service-account", "mcp:mcp-platform"));
        assertEquals(0, doctor, out + "" + err);
        assertTrue(out.toString().contains("doctor acme-fed: 0 failed, 0 warning(s), 12 ok"), out.toString());
    }

    private String[] doctorFromPlatform(String slug, String... more) {
        List<String> args = new ArrayList<>(List.of("doctor", "--tenant", slug, "--admin-url", adminUrl(),
                "--graph-token-file", tokenFile.toString(), "--graph-url", f.graph.baseUrl().toString(),
                "--entra-endpoint", f.entra.baseUrl().toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void doctorWhenAdminUrlThenTenantSettingsReadFromThePlatformAndFlagsOverrideThem() {
        String publicUrl = running.platform.baseUrl().toString();
        assertEquals(0, run(Map.of("MCP_ADMIN_API_KEY", KEY), common("provision", "acme-doc", "--admin-url",
                adminUrl(), "--oidc-issuer", ProvisioningFixture.ISSUER.toString(), "--service-account",
                "mcp:mcp-platform", "--public-url", publicUrl)), err.toString());

        int healthy = run(Map.of("MCP_ADMIN_API_KEY", KEY), doctorFromPlatform("acme-doc", "--oidc-issuer",
                ProvisioningFixture.ISSUER.toString(), "--service-account", "mcp:mcp-platform"));

        assertEquals(0, healthy, out + "" + err);
        assertTrue(out.toString().contains("doctor acme-doc: 0 failed, 0 warning(s), 12 ok"), out.toString());

        int overridden = run(Map.of("MCP_ADMIN_API_KEY", KEY), doctorFromPlatform("acme-doc", "--oidc-issuer",
                ProvisioningFixture.ISSUER.toString(), "--service-account", "mcp:mcp-platform", "--public-url",
                "https://elsewhere.example.com"));
        assertEquals(1, overridden, out + "" + err);
        assertTrue(out.toString().contains("add redirect URI https://elsewhere.example.com/t/acme-doc/oauth2/callback"),
                out.toString());

        assertEquals(2, run(Map.of("MCP_ADMIN_API_KEY", KEY), doctorFromPlatform("acme-doc")));
        assertEquals("mcp-platform: --oidc-issuer is required: the tenant's credential is federated",
                err.toString().strip());
        assertEquals(1, run(Map.of("MCP_ADMIN_API_KEY", KEY), doctorFromPlatform("no-such-tenant")));
        assertEquals("mcp-platform: tenant lookup: the platform has no tenant no-such-tenant", err.toString().strip());
        assertEquals(2, run(Map.of(), "doctor", "--tenant", "acme-doc", "--graph-token-file", tokenFile.toString()));
        assertEquals("mcp-platform: --entra-tenant-id is required (or --admin-url to read it from the platform)",
                err.toString().strip());
    }

    @Test
    void provisionWhenOperatorChangedTheTenantThenOnlyProvisionedFieldsAreReplaced() throws IOException {
        assertEquals(0, run(Map.of("MCP_ADMIN_API_KEY", KEY), provision("acme-kept", "--oidc-issuer",
                ProvisioningFixture.ISSUER.toString())), err.toString());
        HttpResponse<String> read = admin("GET", "/admin/v1/tenants/acme-kept", null, null);
        ObjectNode changed = (ObjectNode) JSON.readTree(read.body());
        changed.remove(List.of("createdAt", "updatedAt", "version"));
        changed.put("status", "disabled").put("displayName", "Renamed by the operator").put("mcpMode", "stateless");
        changed.with("limits").put("sessions", 7);
        changed.with("clients").put("dynamicRegistration", false);
        HttpResponse<String> put = admin("PUT", "/admin/v1/tenants/acme-kept", changed.toString(),
                read.headers().firstValue("ETag").orElseThrow());
        assertEquals(200, put.statusCode(), put.body());

        assertEquals(0, run(Map.of("MCP_ADMIN_API_KEY", KEY), provision("acme-kept", "--oidc-issuer",
                ProvisioningFixture.ISSUER.toString(), "--tool-packs", "echo")), err.toString());

        assertTrue(out.toString().contains("tenant registration    updated   acme-kept"), out.toString());
        JsonNode after = JSON.readTree(admin("GET", "/admin/v1/tenants/acme-kept", null, null).body());
        assertEquals("disabled", after.path("status").asText());
        assertEquals("Renamed by the operator", after.path("displayName").asText());
        assertEquals("stateless", after.path("mcpMode").asText());
        assertEquals(7, after.path("limits").path("sessions").asInt());
        assertFalse(after.path("clients").path("dynamicRegistration").asBoolean());
        assertEquals(JSON.readTree("[\"echo\"]"), after.path("toolPacks"));
        assertEquals(JSON.readTree("[\"User.Read\"]"), after.path("graph").path("scopes"));
    }

    @Test
    void provisionWhenSecretThenSealedInThePlatformOnlyInTheSinkFileAndSecondRunUnchanged() throws IOException {
        Path secretFile = dir.resolve("acme.secret");
        int code = run(Map.of("MCP_ADMIN_API_KEY", KEY), provision("acme-secret", "--credential", "secret",
                "--secret-file", secretFile.toString(), "--secret-days", "90"));

        assertEquals(0, code, err.toString());
        String secret = Files.readString(secretFile).strip();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
        assertFalse(out.toString().contains(secret));
        assertFalse(err.toString().contains(secret));
        HttpResponse<String> read = admin("GET", "/admin/v1/tenants/acme-secret", null, null);
        assertEquals(JSON.readTree("{\"type\":\"secret\",\"stored\":true}"),
                JSON.readTree(read.body()).path("entra").path("credential"));
        assertFalse(read.body().contains(secret));
        String etag = read.headers().firstValue("ETag").orElseThrow();

        assertEquals(0, run(Map.of("MCP_ADMIN_API_KEY", KEY), provision("acme-secret", "--credential", "secret",
                "--secret-file", secretFile.toString(), "--secret-days", "90")), err.toString());
        assertEquals(secret, Files.readString(secretFile).strip());
        assertTrue(out.toString().contains("client secret          unchanged"), out.toString());
        assertTrue(out.toString().contains("tenant registration    unchanged acme-secret"), out.toString());
        assertEquals(etag, admin("GET", "/admin/v1/tenants/acme-secret", null, null).headers().firstValue("ETag")
                .orElseThrow());
        HttpResponse<String> audit = admin("GET", "/admin/v1/tenants/acme-secret/audit?action=admin.tenant.*", null,
                null);
        assertEquals(1, JSON.readTree(audit.body()).path("items").size(), audit.body());
        assertFalse(audit.body().contains(secret));
    }

    @Test
    void provisionWhenAdminKeyWrongThenExitOneNamingTheRefusal() {
        int code = run(Map.of("MCP_ADMIN_API_KEY", "wrong"), provision("acme-key", "--oidc-issuer",
                ProvisioningFixture.ISSUER.toString()));

        assertEquals(1, code);
        assertEquals("mcp-platform: tenant registration: the admin API refused the API key (HTTP 401)",
                err.toString().strip());
        assertEquals(404, admin("GET", "/admin/v1/tenants/acme-key", null, null).statusCode());
    }

    @Test
    void provisionWhenTokenOfUserWithoutRoleThenExitOneWithInsufficientPrivileges() throws IOException {
        Files.writeString(tokenFile, f.token(DemoDirectories.BOB, ProvisioningFixture.ADMIN_SCOPES));

        int code = run(Map.of("MCP_ADMIN_API_KEY", KEY), provision("acme-bob", "--oidc-issuer",
                ProvisioningFixture.ISSUER.toString()));

        assertEquals(1, code);
        String line = err.toString().strip();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.startsWith("mcp-platform: app registration: insufficient privileges"), line);
        assertEquals(404, admin("GET", "/admin/v1/tenants/acme-bob", null, null).statusCode());
    }

    @Test
    void runWhenArgumentsBadThenExitTwoWithOneLine() {
        assertEquals(2, run(Map.of(), "provision", "--tenant"));
        assertEquals("mcp-platform: option --tenant needs a value", err.toString().strip());
        assertEquals(2, run(Map.of(), common("provision", "acme", "--admin-url", "http://127.0.0.1:9",
                "--oidc-issuer", "https://issuer.example")));
        assertEquals("mcp-platform: the admin API key is required: set MCP_ADMIN_API_KEY or --admin-key-file",
                err.toString().strip());
        assertEquals(2, run(Map.of(), "provision", "--client-secret", "x"));
        assertTrue(err.toString().startsWith("mcp-platform: unknown option '--client-secret'"), err.toString());
        assertEquals(2, run(Map.of("MCP_ADMIN_API_KEY", KEY), common("provision", "acme", "--admin-url",
                "http://127.0.0.1:9", "--oidc-issuer", "http://issuer.example")));
        assertTrue(err.toString().contains("OIDC issuer must be an https URL"), err.toString());
        assertEquals(2, run(Map.of(), "frobnicate"));
    }
}
