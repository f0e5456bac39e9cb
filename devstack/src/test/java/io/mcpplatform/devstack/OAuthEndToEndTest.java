package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.server.mcp.ConformanceSuite;
import io.mcpplatform.tenants.Tenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole sign-in with real clients against the assembled platform and the stand-in Entra: the official MCP
 * TypeScript SDK client (401 → metadata → registration → authorize → Entra → consent → token → tools), Chromium on
 * the consent page, Entra tokens presented directly, and the conformance suite through an authenticating proxy.
 */
class OAuthEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static RunningPlatform running;

    @BeforeAll
    static void start() {
        running = RunningPlatform.start(dir);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    private static NodeTools.Result sdkClient(String tenant, String user, String tool, Path tokenOut, String... extra)
            throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--url", running.platform.mcpUrl(tenant).toString(),
                "--user", user, "--entra-host", running.entraHost(), "--tool", tool,
                "--token-out", tokenOut.toString(), "--verbose"));
        args.addAll(List.of(extra));
        return NodeTools.run("oauth-client.mjs", "sdk-" + tenant + "-" + user + ".log", args);
    }

    @Test
    void sdkClientWhenSigningInAtTwoTenantsThenEachToolCallSeesItsOwnUser() throws Exception {
        JsonNode demo = sdkClient("demo", DemoDirectories.ALICE.username(), "signed_in_user", dir.resolve("alice.tok")).ok();
        JsonNode contoso = sdkClient("contoso", DemoDirectories.CAROL.username(), "signed_in_user",
                dir.resolve("carol.tok")).ok();

        assertTrue(demo.path("consent_seen").asBoolean(), demo.toString());
        assertEquals(running.platform.baseUrl() + "/t/demo", demo.path("issuer").asText());
        JsonNode alice = demo.path("result").path("structuredContent");
        assertEquals("demo", alice.path("tenant").asText());
        assertEquals(DemoDirectories.DEMO_TID, alice.path("tid").asText());
        assertEquals(DemoDirectories.ALICE.oid(), alice.path("oid").asText());
        assertEquals(demo.path("client_id").asText(), alice.path("clientId").asText());

        JsonNode carol = contoso.path("result").path("structuredContent");
        assertEquals("contoso", carol.path("tenant").asText());
        assertEquals(DemoDirectories.CONTOSO_TID, carol.path("tid").asText());
        assertEquals(DemoDirectories.CAROL.oid(), carol.path("oid").asText());
    }

    @Test
    void platformTokenWhenPresentedAtAnotherTenantThen401InvalidToken() throws Exception {
        Path token = dir.resolve("bob.tok");
        sdkClient("demo", DemoDirectories.BOB.username(), "echo", token, "--args", "{\"message\":\"x\"}").ok();
        String bearer = Files.readString(token).strip();

        assertEquals(200, running.callTool("demo", bearer, "signed_in_user").statusCode());
        HttpResponse<String> elsewhere = running.callTool("contoso", bearer, "signed_in_user");
        assertEquals(401, elsewhere.statusCode());
        assertTrue(elsewhere.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer error=\"invalid_token\""));
    }

    @Test
    void entraTokenWhenIssuedForTheTenantsAppThenAcceptedAndForAnotherTenantRefused() throws Exception {
        String aliceAtDemo = running.entra.standIn().accessToken(DemoDirectories.DEMO_TID, DemoDirectories.ALICE,
                DemoDirectories.DEMO_CLIENT_ID, "api://" + DemoDirectories.DEMO_CLIENT_ID + "/access_as_user");
        HttpResponse<String> ok = running.callTool("demo", aliceAtDemo, "signed_in_user");
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains(DemoDirectories.ALICE.oid()), ok.body());

        String carolAtContoso = running.entra.standIn().accessToken(DemoDirectories.CONTOSO_TID, DemoDirectories.CAROL,
                DemoDirectories.CONTOSO_CLIENT_ID, "api://" + DemoDirectories.CONTOSO_CLIENT_ID + "/access_as_user");
        assertEquals(401, running.callTool("demo", carolAtContoso, "signed_in_user").statusCode());
    }

    @Test
    void sessionWhenUsedWithAnotherUsersTokenThen404LikeAnUnknownSession() {
        String alice = running.entra.standIn().accessToken(DemoDirectories.DEMO_TID, DemoDirectories.ALICE,
                DemoDirectories.DEMO_CLIENT_ID, "api://" + DemoDirectories.DEMO_CLIENT_ID + "/access_as_user");
        String bob = running.entra.standIn().accessToken(DemoDirectories.DEMO_TID, DemoDirectories.BOB,
                DemoDirectories.DEMO_CLIENT_ID, "api://" + DemoDirectories.DEMO_CLIENT_ID + "/access_as_user");
        HttpResponse<String> opened = running.initialize("demo", alice);
        assertEquals(200, opened.statusCode(), opened.body());
        String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();

        HttpResponse<String> hijack = running.callTool("demo", bob, session, "signed_in_user");
        HttpResponse<String> unknown = running.callTool("demo", bob, "no-such-session", "signed_in_user");
        assertEquals(404, hijack.statusCode(), hijack.body());
        assertEquals(unknown.body(), hijack.body());
        HttpResponse<String> own = running.callTool("demo", alice, session, "signed_in_user");
        assertEquals(200, own.statusCode(), own.body());
        assertTrue(own.body().contains(DemoDirectories.ALICE.oid()), own.body());
    }

    @Test
    void consentPageWhenOpenedInChromiumThenEscapedApprovedAndCodeRedeemable() throws Exception {
        String redirect = "http://127.0.0.1:53999/cb";
        String clientName = "<script>alert(1)</script> Notes";
        String clientId = register(clientName, redirect);
        String verifier = random();
        String state = random();
        JsonNode approved = NodeTools.run("consent-browser.mjs", "browser-approve.log", List.of(
                "--url", authorizationUrl(clientId, redirect, verifier, state),
                "--expect-client-name", clientName, "--expect-redirect-host", "127.0.0.1:53999",
                "--expect-tenant", "Demo Organisation", "--expect-user", DemoDirectories.ALICE.username(),
                "--screenshot", Path.of("target", "e2e", "consent.png").toAbsolutePath().toString(),
                "--user", DemoDirectories.ALICE.username(), "--entra-host", running.entraHost())).ok();

        assertEquals(state, approved.path("state").asText());
        assertEquals(running.platform.baseUrl() + "/t/demo", approved.path("iss").asText());
        assertEquals(0, approved.path("dialogs").asInt());
        HttpResponse<String> token = running.send(HttpRequest.newBuilder(URI.create(running.platform.baseUrl()
                        + "/t/demo/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("grant_type", "authorization_code",
                        "code", approved.path("code").asText(), "redirect_uri", redirect, "client_id", clientId,
                        "code_verifier", verifier, "resource", running.platform.mcpUrl("demo").toString())))
                .build());
        assertEquals(200, token.statusCode(), token.body());
        assertEquals("no-store", token.headers().firstValue("Cache-Control").orElse(""));
        String accessToken = JSON.readTree(token.body()).path("access_token").asText();
        HttpResponse<String> call = running.callTool("demo", accessToken, "signed_in_user");
        assertTrue(call.body().contains(DemoDirectories.ALICE.oid()), call.body());
    }

    @Test
    void consentPageWhenDeniedInChromiumThenAccessDeniedAndNoCode() throws Exception {
        String redirect = "http://127.0.0.1:53998/cb";
        String clientId = register("Denied Tool", redirect);
        String state = random();
        JsonNode denied = NodeTools.run("consent-browser.mjs", "browser-deny.log", List.of(
                "--url", authorizationUrl(clientId, redirect, random(), state),
                "--expect-client-name", "Denied Tool", "--expect-redirect-host", "127.0.0.1:53998",
                "--expect-tenant", "Demo Organisation", "--deny",
                "--screenshot", Path.of("target", "e2e", "consent-deny.png").toAbsolutePath().toString(),
                "--user", DemoDirectories.BOB.username(), "--entra-host", running.entraHost())).ok();

        assertEquals("access_denied", denied.path("error").asText());
        assertEquals(state, denied.path("state").asText());
        assertTrue(denied.path("code").isNull() || denied.path("code").isMissingNode(), denied.toString());
    }

    @Test
    void conformanceSuiteWhenRunThroughAnAuthenticatingProxyThenEveryActiveScenarioPasses() throws Exception {
        Instant now = Instant.now();
        Tenant demo = running.platform.tenantRepository().findBySlug("demo").orElseThrow();
        running.platform.tenantRepository().upsert(new Tenant(UUID.randomUUID(), "fixtures-signed-in",
                "Fixtures behind sign-in", demo.status(), demo.entra(), demo.clientPolicy(), List.of("conformance"),
                Tenant.McpMode.STATEFUL, now, now));
        running.platform.refreshTenants();
        Path token = dir.resolve("fixtures.tok");
        sdkClient("fixtures-signed-in", DemoDirectories.ALICE.username(), "test_simple_text", token).ok();
        assertEquals(401, running.initialize("fixtures-signed-in").statusCode());

        Process proxy = NodeTools.start("auth-proxy.mjs", "auth-proxy.log", List.of(
                "--target", running.platform.mcpUrl("fixtures-signed-in").toString(), "--token-file", token.toString()));
        try {
            String line = new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            String url = NodeTools.parse(line).path("url").asText();
            ConformanceSuite.Result result = ConformanceSuite.run(url,
                    Path.of("target", "conformance-signed-in").toAbsolutePath());
            assertEquals(0, result.failed(), "conformance failures, see " + result.output());
            assertTrue(result.passed() >= 30, "expected at least 30 passing checks, got " + result.passed());
        } finally {
            proxy.destroy();
        }
    }

    private static String register(String name, String redirect) throws Exception {
        return SignInSteps.register(running.http, running.platform.baseUrl(), name, redirect);
    }

    private static String authorizationUrl(String clientId, String redirect, String verifier, String state)
            throws Exception {
        return SignInSteps.authorizationUrl(running.platform.baseUrl(), clientId, redirect, verifier, state);
    }

    private static String form(String... pairs) {
        return SignInSteps.form(pairs);
    }

    private static String random() {
        return SignInSteps.random();
    }
}
