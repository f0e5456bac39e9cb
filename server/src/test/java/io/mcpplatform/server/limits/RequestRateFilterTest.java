package io.mcpplatform.server.limits;

import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.mcpplatform.server.mcp.InMemoryTenantDirectory;
import io.mcpplatform.server.mcp.McpEndpoint;
import io.mcpplatform.server.mcp.McpHttpErrors;
import io.mcpplatform.server.mcp.McpSettings;
import io.mcpplatform.server.oauth.token.OAuthErrors;
import io.mcpplatform.server.tools.ToolPackCatalog;
import io.mcpplatform.tenants.Tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request-rate filter over real HTTP in front of the MCP endpoint and an OAuth-shaped route: refusals are 429
 * with an exact {@code Retry-After}, in each protocol's error format, and do not reach the endpoint; another tenant is
 * unaffected. The limiter's clock stands still, so the counts are exact.
 */
class RequestRateFilterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";

    private final AtomicLong nanos = new AtomicLong();
    private final List<String> refused = new ArrayList<>();
    private final AtomicLong tokenCalls = new AtomicLong();
    private final HttpClient http = HttpClient.newHttpClient();
    private InMemoryTenantDirectory directory;
    private McpEndpoint mcp;
    private WebServer server;

    @BeforeEach
    void start() {
        directory = InMemoryTenantDirectory.standard();
        directory.put(TenantRateLimiterTest.tenant("noisy", 3));
        mcp = new McpEndpoint(directory, ToolPackCatalog.standard(false), McpSettings.defaults(),
                URI.create("http://127.0.0.1"));
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new RequestRateFilter(directory, new TenantRateLimiter(50, nanos::get),
                        McpHttpErrors::sendTooManyRequests, OAuthErrors::sendTooManyRequests,
                        t -> refused.add(t.slug())));
        mcp.routing(routing);
        routing.route(Method.POST, "/t/{tenant}/oauth2/token", (req, res) -> {
            tokenCalls.incrementAndGet();
            res.send("{}");
        });
        server = WebServer.builder().host("127.0.0.1").port(0).routing(routing).build().start();
    }

    @AfterEach
    void stop() {
        mcp.close();
        server.stop();
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", contentType)
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mcpWhenTenantExceedsThreePerSecondThenFourth429WithRetryAfterInJsonRpcFormat() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertFalse(post("/t/noisy/mcp", "application/json", PING).statusCode() == 429);
        }
        HttpResponse<String> res = post("/t/noisy/mcp", "application/json", PING);
        assertEquals(429, res.statusCode(), res.body());
        assertEquals("1", res.headers().firstValue("Retry-After").orElseThrow());
        JsonNode body = JSON.readTree(res.body());
        assertEquals("2.0", body.get("jsonrpc").asText());
        assertEquals(McpHttpErrors.TRANSPORT_ERROR, body.path("error").path("code").asInt());
        assertTrue(body.path("error").path("message").asText().startsWith("Too Many Requests"), res.body());
        assertEquals(List.of("noisy"), refused);
    }

    @Test
    void oauthWhenTenantExceedsLimitThen429InOAuthFormatAndHandlerNotReached() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, post("/t/noisy/oauth2/token", "application/x-www-form-urlencoded", "").statusCode());
        }
        HttpResponse<String> res = post("/t/noisy/oauth2/token", "application/x-www-form-urlencoded", "");
        assertEquals(429, res.statusCode(), res.body());
        assertEquals("1", res.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElseThrow());
        JsonNode body = JSON.readTree(res.body());
        assertEquals("temporarily_unavailable", body.get("error").asText());
        assertEquals(3, tokenCalls.get());
    }

    @Test
    void requestsWhenOneTenantIsFloodingThenOtherTenantAndUnknownSlugsAreUntouched() throws Exception {
        for (int i = 0; i < 10; i++) {
            post("/t/noisy/mcp", "application/json", PING);
        }
        for (int i = 0; i < 20; i++) {
            assertFalse(post("/t/demo/mcp", "application/json", PING).statusCode() == 429);
        }
        for (int i = 0; i < 60; i++) {
            assertEquals(404, post("/t/nosuchtenant/mcp", "application/json", PING).statusCode());
        }
        assertEquals(7, refused.size());
        assertTrue(refused.stream().allMatch("noisy"::equals));
    }

    @Test
    void requestsWhenTenantChangesItsLimitThenNewLimitAppliesAtOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            post("/t/noisy/mcp", "application/json", PING);
        }
        assertEquals(429, post("/t/noisy/mcp", "application/json", PING).statusCode());
        Tenant raised = TenantRateLimiterTest.tenant("noisy", 10);
        directory.put(raised);
        for (int i = 0; i < 10; i++) {
            assertFalse(post("/t/noisy/mcp", "application/json", PING).statusCode() == 429);
        }
        assertEquals(429, post("/t/noisy/mcp", "application/json", PING).statusCode());
    }
}
