package io.mcpplatform.devstack;

import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantLimits;
import io.mcpplatform.tenants.TenantStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The assembled platform's per-tenant limits and operability, checked from outside: a tenant over its request rate
 * gets 429 with {@code Retry-After} while another is untouched, and {@code /metrics} on the admin socket shows the
 * calls per tenant (counters and latency histograms), never a label for a made-up tenant.
 */
class OperabilityEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dataDir;
    static RunningPlatform running;

    @BeforeAll
    static void start() {
        running = RunningPlatform.start(dataDir);
        addOpenTenant("metered", OptionalInt.empty());
        addOpenTenant("flooded", OptionalInt.of(5));
        running.platform.refreshTenants();
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    private static void addOpenTenant(String slug, OptionalInt requestsPerSecond) {
        Instant now = Instant.now();
        running.platform.tenantRepository().upsert(new Tenant(UUID.randomUUID(), slug, slug, TenantStatus.ACTIVE, null,
                ClientPolicy.defaults(), List.of("echo"), Tenant.McpMode.STATEFUL, null,
                new TenantLimits(requestsPerSecond, OptionalInt.empty(), OptionalInt.empty()), now, now));
    }

    private static HttpResponse<String> post(String tenant, String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(running.platform.mcpUrl(tenant))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return running.send(b.build());
    }

    private static String echo(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"message\":\"hi\"}}}";
    }

    private static List<String> metricLines(String name, String tenant) {
        String body = running.get(running.admin("/metrics")).body();
        return body.lines().filter(l -> l.startsWith(name) && l.contains("tenant=\"" + tenant + "\"")).toList();
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static double sum(String name, String tenant, String... mustContain) {
        return metricLines(name, tenant).stream()
                .filter(l -> java.util.Arrays.stream(mustContain).allMatch(l::contains))
                .mapToDouble(OperabilityEndToEndTest::value).sum();
    }

    @Test
    void metricsWhenTenantCalledThenCountersAndHistogramPerTenantOnAdminSocket() {
        double toolCallsBefore = sum("mcp_platform_tool_calls_total", "metered");
        double okBefore = sum("mcp_platform_requests_total", "metered", "endpoint=\"mcp\"", "status=\"2xx\"");
        double observedBefore = sum("mcp_platform_request_seconds_bucket", "metered", "endpoint=\"mcp\"",
                "le=\"+Inf\"");
        HttpResponse<String> init = running.initialize("metered");
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> call = post("metered", session, echo(10 + i));
            assertEquals(200, call.statusCode(), call.body());
        }
        assertEquals(404, running.initialize("made-up-tenant").statusCode());

        assertEquals(3.0, sum("mcp_platform_tool_calls_total", "metered") - toolCallsBefore);
        assertEquals(4.0, sum("mcp_platform_requests_total", "metered", "endpoint=\"mcp\"", "status=\"2xx\"")
                - okBefore);
        List<String> buckets = metricLines("mcp_platform_request_seconds_bucket", "metered");
        assertTrue(buckets.size() >= 10, buckets.toString());
        assertEquals(4.0, sum("mcp_platform_request_seconds_bucket", "metered", "endpoint=\"mcp\"", "le=\"+Inf\"")
                - observedBefore);
        String all = running.get(running.admin("/metrics")).body();
        assertFalse(all.contains("made-up-tenant"), "a made-up slug became a label value");
        assertFalse(all.contains("user_oid") || all.contains("oid=\""), "a meter is labelled by user");
    }

    @Test
    void requestsWhenTenantExceedsItsRateThen429WithRetryAfterAndOtherTenantUnaffected() throws Exception {
        int refused = 0;
        HttpResponse<String> lastRefusal = null;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> res = running.initialize("flooded");
            if (res.statusCode() == 429) {
                refused++;
                lastRefusal = res;
            } else {
                assertEquals(200, res.statusCode(), res.body());
            }
        }
        assertTrue(refused >= 30 - 5 - 5, "only " + refused + " of 30 refused at 5 per second");
        long retryAfter = Long.parseLong(lastRefusal.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 1, "Retry-After " + retryAfter);
        JsonNode error = JSON.readTree(lastRefusal.body());
        assertEquals("2.0", error.get("jsonrpc").asText());
        assertEquals(-32000, error.path("error").path("code").asInt());
        assertEquals(200, running.initialize("metered").statusCode(), "the quiet tenant was refused");
        assertEquals(refused, (int) value(metricLines("mcp_platform_rate_limited_total", "flooded").get(0)));
    }

    @Test
    void requestWhenCallerSendsRequestIdThenEchoedOtherwiseGenerated() {
        HttpResponse<String> given = running.send(HttpRequest.newBuilder(running.platform.mcpUrl("metered"))
                .header("X-Request-Id", "trace-42").GET().build());
        assertEquals("trace-42", given.headers().firstValue("X-Request-Id").orElseThrow());
        HttpResponse<String> generated = running.get(running.publicUrl("/t/metered/mcp"));
        assertTrue(generated.headers().firstValue("X-Request-Id").orElseThrow().matches("[0-9a-f-]{36}"));
    }
}
