package io.mcpplatform.devstack;

import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.entra.DevEntra;
import io.mcpplatform.devstack.graph.GraphStandIn;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
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
 * Two platform instances on one database behind a round-robin loopback proxy (session affinity by
 * {@code Mcp-Session-Id}, as a cloud load balancer offers): sign-in with consent by the official TypeScript SDK spread
 * over both, refresh-token rotation across them, tenant changes made on one seen by the other, and an MCP session
 * whose instance went away answered 404 by the other, where the client initialises again without any user action.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static RestartableDatabase db;
    static DevEntra entra;
    static GraphStandIn graph;
    static RoundRobinProxy proxy;
    static RunningPlatform a;
    static RunningPlatform b;

    @BeforeAll
    static void start() throws Exception {
        db = RestartableDatabase.start(dir);
        entra = DevEntra.start(dir, 0, false);
        graph = GraphStandIn.start(0, entra.standIn().baseUrl());
        proxy = RoundRobinProxy.start();
        String yaml = "  external-base-url: " + proxy.url() + "\n  limits:\n    requests-per-second: 100000\n";
        a = RunningPlatform.instance(dir, yaml, entra, graph, o -> o.withEmbeddedDatabase(db.provider()), false);
        b = RunningPlatform.instance(dir, yaml, entra, graph, o -> o.withEmbeddedDatabase(db.provider()), false);
        proxy.addBackend(local(a));
        proxy.addBackend(local(b));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, proxy, graph, entra, db}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    private static URI local(RunningPlatform p) {
        return URI.create("http://127.0.0.1:" + p.platform.publicPort());
    }

    private static HttpResponse<String> refresh(RunningPlatform at, String clientId, String refreshToken) {
        return at.send(HttpRequest.newBuilder(URI.create(local(at) + "/t/demo/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id="
                        + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&refresh_token="
                        + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8))).build());
    }

    private static HttpResponse<String> mcp(URI base, String tenant, String token, String session, String body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/t/" + tenant + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            req.header("Mcp-Session-Id", session);
        }
        return a.send(req.build());
    }

    @Test
    @Order(1)
    void signInWhenRequestsAlternateBetweenInstancesThenSdkClientSignsInConsentsAndCallsATool() throws Exception {
        int servedA = proxy.served(local(a));
        int servedB = proxy.served(local(b));
        Path tokens = dir.resolve("alice-tokens.json");
        JsonNode result = NodeTools.run("oauth-client.mjs", "two-instances-alice.log", List.of(
                "--url", proxy.url() + "/t/demo/mcp", "--user", DemoDirectories.ALICE.username(),
                "--entra-host", a.entraHost(), "--tool", "echo", "--args", "{\"message\":\"across instances\"}",
                "--tokens-out", tokens.toString(), "--verbose")).ok();
        assertTrue(result.path("consent_seen").asBoolean(), result.toString());
        assertTrue(result.path("result").toString().contains("across instances"), result.toString());
        assertTrue(proxy.served(local(a)) - servedA >= 3 && proxy.served(local(b)) - servedB >= 3,
                "both instances took part: a=" + (proxy.served(local(a)) - servedA) + " b="
                        + (proxy.served(local(b)) - servedB));

        JsonNode issued = JSON.readTree(Files.readString(tokens));
        String clientId = issued.get("client_id").asText();
        HttpResponse<String> atA = refresh(a, clientId, issued.get("refresh_token").asText());
        assertEquals(200, atA.statusCode(), atA.body());
        JsonNode rotated = JSON.readTree(atA.body());
        HttpResponse<String> atB = refresh(b, clientId, rotated.get("refresh_token").asText());
        assertEquals(200, atB.statusCode(), atB.body());
        String accessFromB = JSON.readTree(atB.body()).get("access_token").asText();
        HttpResponse<String> reuse = refresh(a, clientId, issued.get("refresh_token").asText());
        assertEquals(400, reuse.statusCode(), reuse.body());
        assertEquals("invalid_grant", JSON.readTree(reuse.body()).get("error").asText());

        HttpResponse<String> initAtA = mcp(local(a), "demo", accessFromB, null, RunningPlatform.INITIALIZE);
        assertEquals(401, initAtA.statusCode(), "reusing a rotated refresh token revokes the family everywhere: "
                + initAtA.body());
    }

    @Test
    @Order(2)
    void tenantWhenAddedThroughOneInstanceThenTheOtherServesItAndWhenDisabledThroughTheOtherBothStop()
            throws Exception {
        String slug = "shared-" + Long.toHexString(System.nanoTime()).substring(0, 6);
        Instant now = Instant.now();
        Tenant tenant = new Tenant(UUID.randomUUID(), slug, "Shared Ltd", TenantStatus.ACTIVE, null,
                ClientPolicy.defaults(), List.of("echo"), Tenant.McpMode.STATEFUL, now, now);
        a.platform.tenantRepository().upsert(tenant);
        assertEquals(200, awaitInitialize(local(b), slug, 200));
        b.platform.tenantRepository().upsert(new Tenant(tenant.id(), slug, "Shared Ltd", TenantStatus.DISABLED, null,
                ClientPolicy.defaults(), List.of("echo"), Tenant.McpMode.STATEFUL, now, Instant.now()));
        assertEquals(404, awaitInitialize(local(a), slug, 404));
        assertEquals(404, awaitInitialize(local(b), slug, 404));
    }

    @Test
    @Order(3)
    void sessionWhenItsInstanceGoesAwayThenOtherAnswers404AndSdkClientReinitialisesWithoutUserAction()
            throws Exception {
        Instant now = Instant.now();
        a.platform.tenantRepository().upsert(new Tenant(UUID.randomUUID(), "failover", "Failover Ltd",
                TenantStatus.ACTIVE, null, ClientPolicy.defaults(), List.of("echo"), Tenant.McpMode.STATEFUL, now, now));
        assertEquals(200, awaitInitialize(local(a), "failover", 200));
        assertEquals(200, awaitInitialize(local(b), "failover", 200));

        Process client = NodeTools.start("session-failover.mjs", "two-instances-failover.log", List.of(
                "--url", proxy.url() + "/t/failover/mcp", "--tool", "echo",
                "--args", "{\"message\":\"still here\"}"));
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                    client.getInputStream(), StandardCharsets.UTF_8));
            JsonNode connected = JSON.readTree(out.readLine());
            String session = connected.path("session").asText();
            assertTrue(!session.isEmpty(), connected.toString());
            RunningPlatform owner = proxy.ownerOf(session).equals(local(a)) ? a : b;
            RunningPlatform survivor = owner == a ? b : a;

            owner.platform.close();

            HttpResponse<String> lost = mcp(local(survivor), "failover", null, session,
                    "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}");
            assertEquals(404, lost.statusCode(), lost.body());
            assertEquals(-32001, JSON.readTree(lost.body()).path("error").path("code").asInt(), lost.body());

            client.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().flush();
            JsonNode done = JSON.readTree(out.readLine());
            assertTrue(done.path("ok").asBoolean(), done.toString());
            assertEquals(404, done.path("first_error_status").asInt(), done.toString());
            assertTrue(!done.path("new_session").asText().equals(session), done.toString());
            assertTrue(done.path("result").toString().contains("still here"), done.toString());
            assertEquals(local(survivor), proxy.ownerOf(done.path("new_session").asText()));
        } finally {
            client.destroyForcibly();
        }
    }

    private static int awaitInitialize(URI base, String slug, int wanted) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        do {
            status = mcp(base, slug, null, null, RunningPlatform.INITIALIZE).statusCode();
            if (status == wanted) {
                return status;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return status;
    }
}
