package io.mcpplatform.server.mcp;

import io.mcpplatform.testing.MutableClock;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.mcpplatform.server.tools.ToolPackCatalog;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MCP endpoint over real HTTP on 127.0.0.1: happy paths, every refusal, tenant isolation. */
class McpEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PV = "MCP-Protocol-Version";
    private static final String SID = "Mcp-Session-Id";
    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

    private static InMemoryTenantDirectory directory;
    private static McpEndpoint endpoint;
    private static WebServer server;
    private static McpHttp http;

    @BeforeAll
    static void start() {
        directory = InMemoryTenantDirectory.standard();
        McpSettings settings = McpSettings.defaults().withFixturesEnabled(true).withMaxRequestBytes(4096);
        endpoint = new McpEndpoint(directory, ToolPackCatalog.standard(true), settings, URI.create("http://127.0.0.1"));
        HttpRouting.Builder routing = HttpRouting.builder();
        endpoint.routing(routing);
        server = WebServer.builder().host("127.0.0.1").port(0).connectionOptions(o -> o.tcpNoDelay(true))
                .routing(routing).build().start();
        http = new McpHttp(server.port());
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        server.stop();
    }

    private static JsonNode json(HttpResponse<String> res) throws Exception {
        return JSON.readTree(res.body());
    }

    private static void assertRpcError(HttpResponse<String> res, int status, int code) throws Exception {
        assertEquals(status, res.statusCode(), res.body());
        JsonNode body = json(res);
        assertEquals("2.0", body.get("jsonrpc").asText());
        assertEquals(code, body.path("error").path("code").asInt(), res.body());
    }

    @Test
    void postWhenInitializeThenToolsListThenEchoCallAnswersJson() throws Exception {
        String session = http.initialize("demo");
        HttpResponse<String> list = http.post("demo", TOOLS_LIST, SID, session, PV, "2025-11-25");
        assertEquals(200, list.statusCode());
        assertTrue(list.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("echo", json(list).at("/result/tools/0/name").asText());
        assertEquals("signed_in_user", json(list).at("/result/tools/1/name").asText());
        assertEquals(2, json(list).at("/result/tools").size());

        HttpResponse<String> call = http.post("demo", """
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi there"}}}""",
                SID, session, PV, "2025-11-25");
        assertEquals(200, call.statusCode());
        assertEquals("hi there", json(call).at("/result/content/0/text").asText());
        assertEquals("hi there", json(call).at("/result/structuredContent/message").asText());
    }

    @Test
    void postWhenToolSendsProgressThenAnswerIsSseStreamEndingWithResult() throws Exception {
        String session = http.initialize("conformance");
        HttpResponse<String> res = http.post("conformance", """
                {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"test_tool_with_progress",
                "arguments":{},"_meta":{"progressToken":"tok-1"}}}""", SID, session, PV, "2025-11-25");
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        BufferedReader reader = new BufferedReader(new java.io.StringReader(res.body()));
        String[] progress = McpHttp.readEventContaining(reader, "notifications/progress");
        assertTrue(progress[0] != null && !progress[0].isBlank(), "events carry ids");
        String[] result = McpHttp.readEventContaining(reader, "\"id\":7");
        assertEquals("tok-1", JSON.readTree(result[1]).at("/result/content/0/text").asText());
    }

    @Test
    void getStreamWhenServerNotifiesThenEventArrivesAndResumesWithLastEventId() throws Exception {
        String session = http.initialize("demo");
        HttpRequest get = HttpRequest.newBuilder(http.uri("demo")).GET()
                .header("Accept", "text/event-stream").header(SID, session).header(PV, "2025-11-25").build();
        HttpResponse<InputStream> first = http.stream(get);
        assertEquals(200, first.statusCode());
        BufferedReader reader = new BufferedReader(new InputStreamReader(first.body(), StandardCharsets.UTF_8));
        reader.readLine(); // the ": stream open" comment proves the stream is attached
        endpoint.notifyClients("demo", "notifications/message", Map.of("level", "info", "data", "one"));
        String[] one = McpHttp.readEventContaining(reader, "\"one\"");
        first.body().close();

        endpoint.notifyClients("demo", "notifications/message", Map.of("level", "info", "data", "two"));
        HttpRequest resume = HttpRequest.newBuilder(http.uri("demo")).GET().header("Accept", "text/event-stream")
                .header(SID, session).header(PV, "2025-11-25").header("Last-Event-ID", one[0]).build();
        HttpResponse<InputStream> second = http.stream(resume);
        assertEquals(200, second.statusCode());
        BufferedReader again = new BufferedReader(new InputStreamReader(second.body(), StandardCharsets.UTF_8));
        String[] two = McpHttp.readEventContaining(again, "\"two\"");
        assertNotEquals(one[0], two[0]);
        second.body().close();
    }

    @Test
    void deleteWhenSessionEndedThenLaterRequestsAre404() throws Exception {
        String session = http.initialize("demo");
        HttpRequest delete = HttpRequest.newBuilder(http.uri("demo")).DELETE().header(SID, session)
                .header(PV, "2025-11-25").build();
        assertEquals(204, http.send(delete).statusCode());
        assertRpcError(http.post("demo", TOOLS_LIST, SID, session, PV, "2025-11-25"), 404, McpHttpErrors.NOT_FOUND);
        assertRpcError(http.send(delete), 404, McpHttpErrors.NOT_FOUND);
    }

    @Test
    void statelessTenantWhenNoSessionIdThenCallsWork() throws Exception {
        HttpResponse<String> init = http.post("stateless", """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        assertEquals(200, init.statusCode());
        assertTrue(init.headers().firstValue(SID).isEmpty());
        HttpResponse<String> call = http.post("stateless", """
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"message":"x"}}}""",
                PV, "2025-11-25");
        assertEquals("x", json(call).at("/result/content/0/text").asText());
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(http.uri("stateless")).GET()
                .header("Accept", "text/event-stream").build());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void postWhenBodyIsMalformedJsonThen400ParseError() throws Exception {
        int before = endpoint.sessionCount("demo");
        HttpResponse<String> res = http.post("demo", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"");
        assertRpcError(res, 400, -32700);
        assertTrue(json(res).get("id").isNull());
        assertEquals(before, endpoint.sessionCount("demo"));
    }

    @Test
    void postWhenJsonIsNotJsonRpcThen400InvalidRequest() throws Exception {
        int before = endpoint.sessionCount("demo");
        assertRpcError(http.post("demo", "{\"id\":1,\"method\":\"initialize\",\"params\":{}}"), 400, -32600);
        assertRpcError(http.post("demo", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]"), 400, -32600);
        assertRpcError(http.post("demo", "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}"), 400, -32600);
        assertRpcError(http.post("demo", "42"), 400, -32600);
        assertEquals(before, endpoint.sessionCount("demo"));
    }

    @Test
    void postWhenMethodUnknownThenMethodNotFound() throws Exception {
        String session = http.initialize("demo");
        HttpResponse<String> res = http.post("demo", "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"no/such\"}",
                SID, session, PV, "2025-11-25");
        assertEquals(200, res.statusCode());
        String body = res.body();
        JsonNode error = body.startsWith("{") ? json(res)
                : JSON.readTree(McpHttp.readEventContaining(new BufferedReader(new java.io.StringReader(body)), "\"id\":9")[1]);
        assertEquals(-32601, error.at("/error/code").asInt(), body);
    }

    @Test
    void postWhenAcceptMissesEventStreamThen406() throws Exception {
        int before = endpoint.sessionCount("demo");
        assertRpcError(http.post("demo", TOOLS_LIST, "Accept", "application/json"), 406, McpHttpErrors.TRANSPORT_ERROR);
        assertRpcError(http.post("demo", TOOLS_LIST, "Accept", null), 406, McpHttpErrors.TRANSPORT_ERROR);
        assertEquals(before, endpoint.sessionCount("demo"));
    }

    @Test
    void postWhenContentTypeIsNotJsonThen415() throws Exception {
        assertRpcError(http.post("demo", TOOLS_LIST, "Content-Type", "text/plain"), 415, McpHttpErrors.TRANSPORT_ERROR);
    }

    @Test
    void postWhenBodyOverLimitThen413WithOrWithoutContentLength() throws Exception {
        int before = endpoint.sessionCount("demo");
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(5000) + "\"}}";
        assertRpcError(http.post("demo", big), 413, -32600);
        HttpRequest chunked = HttpRequest.newBuilder(http.uri("demo"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .header("Content-Type", "application/json").header("Accept", McpHttp.ACCEPT_BOTH).build();
        assertEquals(413, http.send(chunked).statusCode());
        assertEquals(before, endpoint.sessionCount("demo"));
    }

    @Test
    void postWhenTenantUnknownOrDisabledThenSame404() throws Exception {
        HttpResponse<String> unknown = http.post("nobody", TOOLS_LIST);
        HttpResponse<String> disabled = http.post("disabled", TOOLS_LIST);
        assertRpcError(unknown, 404, McpHttpErrors.NOT_FOUND);
        assertEquals(unknown.statusCode(), disabled.statusCode());
        assertEquals(unknown.body(), disabled.body());
    }

    @Test
    void postWhenOriginForeignThen403() throws Exception {
        int before = endpoint.sessionCount("demo");
        assertRpcError(http.post("demo", TOOLS_LIST, "Origin", "http://evil.example.com"), 403,
                McpHttpErrors.TRANSPORT_ERROR);
        assertEquals(before, endpoint.sessionCount("demo"));
        assertNotEquals(403, http.post("demo", TOOLS_LIST, "Origin", "http://localhost:1234").statusCode());
    }

    @Test
    void postWhenHostForeignThen403() throws Exception {
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        assertEquals(403, http.rawPostStatus("demo", "evil.example.com", init));
        assertEquals(200, http.rawPostStatus("demo", "localhost:" + server.port(), init));
    }

    @Test
    void postWhenSessionIdMissingThen400AndWhenUnknownThen404() throws Exception {
        assertRpcError(http.post("demo", TOOLS_LIST, PV, "2025-11-25"), 400, -32600);
        assertRpcError(http.post("demo", TOOLS_LIST, SID, "no-such-session", PV, "2025-11-25"), 404,
                McpHttpErrors.NOT_FOUND);
    }

    @Test
    void postWhenProtocolVersionUnsupportedThen400() throws Exception {
        String session = http.initialize("demo");
        assertRpcError(http.post("demo", TOOLS_LIST, SID, session, PV, "1999-01-01"), 400, -32600);
        assertEquals(200, http.post("demo", TOOLS_LIST, SID, session).statusCode(), "absent header means 2025-03-26");
    }

    @Test
    void getWhenAcceptIsNotEventStreamThen406() throws Exception {
        String session = http.initialize("demo");
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(http.uri("demo")).GET()
                .header("Accept", "application/json").header(SID, session).build());
        assertRpcError(res, 406, McpHttpErrors.TRANSPORT_ERROR);
    }

    @Test
    void optionsThen405WithAllow() throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(http.uri("demo"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, res.statusCode());
        assertEquals("GET, POST, DELETE", res.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void sessionOfOneTenantWhenUsedOnAnotherThen404AndToolsDiffer() throws Exception {
        String demoSession = http.initialize("demo");
        assertRpcError(http.post("other", TOOLS_LIST, SID, demoSession, PV, "2025-11-25"), 404,
                McpHttpErrors.NOT_FOUND);
        String otherSession = http.initialize("other");
        JsonNode otherTools = json(http.post("other", TOOLS_LIST, SID, otherSession, PV, "2025-11-25"));
        assertFalse(otherTools.toString().contains("\"echo\""));
        assertTrue(otherTools.toString().contains("test_simple_text"));
    }

    @Test
    void tenantWhenRemovedThenItsSessionsAreClosed() throws Exception {
        Tenant temp = InMemoryTenantDirectory.tenant("temp", TenantStatus.ACTIVE, Tenant.McpMode.STATEFUL, "echo");
        directory.put(temp);
        String session = http.initialize("temp");
        directory.put(InMemoryTenantDirectory.tenant("temp", TenantStatus.ACTIVE, Tenant.McpMode.STATEFUL, "echo"));
        assertRpcError(http.post("temp", TOOLS_LIST, SID, session, PV, "2025-11-25"), 404, McpHttpErrors.NOT_FOUND);
        directory.remove("temp");
        assertRpcError(http.post("temp", TOOLS_LIST), 404, McpHttpErrors.NOT_FOUND);
    }

    @Test
    void initializeWhenSessionCapReachedThen429WithRetryAfterAndIdleSessionsAreEvicted() throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        InMemoryTenantDirectory dir = InMemoryTenantDirectory.standard();
        McpSettings settings = McpSettings.defaults().withMaxSessionsPerTenant(1);
        try (McpEndpoint capped = new McpEndpoint(dir, ToolPackCatalog.standard(false), settings,
                URI.create("http://127.0.0.1"), clock)) {
            HttpRouting.Builder routing = HttpRouting.builder();
            capped.routing(routing);
            WebServer s = WebServer.builder().host("127.0.0.1").port(0).routing(routing).build().start();
            try {
                McpHttp client = new McpHttp(s.port());
                client.initialize("demo");
                HttpResponse<String> refused = client.post("demo", """
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                        "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
                assertRpcError(refused, 429, McpHttpErrors.TRANSPORT_ERROR);
                assertEquals(String.valueOf(McpHttpErrors.SESSION_LIMIT_RETRY_AFTER),
                        refused.headers().firstValue("Retry-After").orElseThrow());
                clock.advance(settings.sessionIdleTimeout().plusSeconds(1));
                assertEquals(1, capped.evictIdleSessions());
                assertEquals(0, capped.sessionCount("demo"));
                client.initialize("demo");
            } finally {
                s.stop();
            }
        }
    }

    @Test
    void initializeWhenTenantSessionLimitIsTwoThenThirdGets429WhileOtherTenantStillOpens() throws Exception {
        Tenant base = InMemoryTenantDirectory.tenant("twosessions", TenantStatus.ACTIVE, Tenant.McpMode.STATEFUL,
                "echo");
        directory.put(base.withLimits(new io.mcpplatform.tenants.TenantLimits(java.util.OptionalInt.empty(),
                java.util.OptionalInt.of(2), java.util.OptionalInt.empty())));
        http.initialize("twosessions");
        http.initialize("twosessions");
        HttpResponse<String> refused = http.post("twosessions", """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        assertRpcError(refused, 429, McpHttpErrors.TRANSPORT_ERROR);
        assertTrue(json(refused).path("error").path("message").asText().contains("2 open sessions"), refused.body());
        assertEquals(2, endpoint.sessionCount("twosessions"));
        http.initialize("demo");
    }
}
