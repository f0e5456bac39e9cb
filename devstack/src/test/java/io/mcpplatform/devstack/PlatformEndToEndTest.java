package io.mcpplatform.devstack;

import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assembled platform on embedded PostgreSQL: sockets, health, metrics and live tenant changes. */
class PlatformEndToEndTest {
    @TempDir
    static Path dataDir;
    static RunningPlatform running;

    @BeforeAll
    static void start() {
        running = RunningPlatform.start(dataDir);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void healthWhenRunningThenLiveAndReadyOnAdminSocket() {
        HttpResponse<String> live = running.get(running.admin("/health/live"));
        HttpResponse<String> ready = running.get(running.admin("/health/ready"));
        assertEquals(200, live.statusCode(), live.body());
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("database"), ready.body());
    }

    @Test
    void metricsWhenScrapedThenPrometheusText() {
        HttpResponse<String> metrics = running.get(running.admin("/metrics"));
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("# TYPE"), metrics.body().lines().limit(5).toList().toString());
    }

    @Test
    void publicSocketWhenAskedForHealthOrMetricsThen404() {
        assertEquals(404, running.get(running.publicUrl("/health/ready")).statusCode());
        assertEquals(404, running.get(running.publicUrl("/metrics")).statusCode());
    }

    @Test
    void demoTenantsWhenSeededThenDemoAndContosoSignInAtTheStandInAndConformanceIsOpen() {
        var repository = running.platform.tenantRepository();
        assertEquals(running.entra.demoApp(), repository.findBySlug(DemoTenants.DEMO).orElseThrow().entra());
        assertEquals(running.entra.contosoApp(), repository.findBySlug(DemoTenants.CONTOSO).orElseThrow().entra());
        assertEquals(null, repository.findBySlug(DemoTenants.CONFORMANCE).orElseThrow().entra());
    }

    @Test
    void demoTenantWhenCalledWithoutTokenThen401WithResourceMetadataChallenge() {
        HttpResponse<String> response = running.initialize(DemoTenants.DEMO);
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("Bearer resource_metadata=\"" + running.platform.baseUrl()
                        + "/.well-known/oauth-protected-resource/t/demo/mcp\", scope=\"mcp:tools\"",
                response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void conformanceTenantWhenInitializedWithoutTokenThenSessionCreated() {
        HttpResponse<String> response = running.initialize(DemoTenants.CONFORMANCE);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Mcp-Session-Id").isPresent());
    }

    @Test
    void tenantWhenAddedInDatabaseThenLiveWithoutRestartAndGoneWhenDisabled() {
        String slug = "late-" + Long.toHexString(System.nanoTime()).substring(0, 6);
        assertEquals(404, running.initialize(slug).statusCode());
        Instant now = Instant.now();
        Tenant tenant = new Tenant(UUID.randomUUID(), slug, "Late Ltd", TenantStatus.ACTIVE, null, ClientPolicy.defaults(),
                List.of("echo"), Tenant.McpMode.STATEFUL, now, now);
        running.platform.tenantRepository().upsert(tenant);

        assertEquals(200, awaitStatus(slug, status -> status == 200), "tenant did not go live");

        running.platform.tenantRepository().upsert(new Tenant(tenant.id(), slug, "Late Ltd", TenantStatus.DISABLED,
                null, ClientPolicy.defaults(), List.of("echo"), Tenant.McpMode.STATEFUL, now, Instant.now()));
        assertEquals(404, awaitStatus(slug, status -> status == 404), "disabled tenant still served");
    }

    @Test
    void unknownAndDisabledTenantWhenCalledThenSameAnswer() {
        String slug = "off-" + Long.toHexString(System.nanoTime()).substring(0, 6);
        Instant now = Instant.now();
        running.platform.tenantRepository().upsert(new Tenant(UUID.randomUUID(), slug, "Off", TenantStatus.DISABLED,
                null, ClientPolicy.defaults(), List.of("echo"), Tenant.McpMode.STATEFUL, now, now));
        running.platform.refreshTenants();
        HttpResponse<String> disabled = running.initialize(slug);
        HttpResponse<String> unknown = running.initialize("no-such-tenant");
        assertEquals(404, disabled.statusCode());
        assertEquals(unknown.statusCode(), disabled.statusCode());
        assertEquals(unknown.body(), disabled.body());
    }

    @Test
    void metadataWhenRequestCarriesSpoofedForwardedHeadersThenIssuerAndEndpointsUnchanged() throws Exception {
        java.net.http.HttpRequest.Builder spoofed = java.net.http.HttpRequest.newBuilder(
                        running.publicUrl("/.well-known/oauth-authorization-server/t/demo"))
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("Forwarded", "host=evil.example;proto=https");
        HttpResponse<String> metadata = running.send(spoofed.GET().build());
        assertEquals(200, metadata.statusCode(), metadata.body());
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(metadata.body());
        assertEquals(running.platform.baseUrl() + "/t/demo", doc.path("issuer").asText());
        assertEquals(running.platform.baseUrl() + "/t/demo/oauth2/token", doc.path("token_endpoint").asText());
        assertTrue(!metadata.body().contains("evil.example"), metadata.body());

        HttpResponse<String> challenge = running.send(java.net.http.HttpRequest.newBuilder(running.platform.mcpUrl("demo"))
                .header("X-Forwarded-Host", "evil.example")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(RunningPlatform.INITIALIZE))
                .build());
        assertEquals(401, challenge.statusCode());
        assertTrue(challenge.headers().firstValue("WWW-Authenticate").orElse("")
                .contains("resource_metadata=\"" + running.platform.baseUrl() + "/.well-known/"));
    }

    /** Polls the tenant's endpoint (bounded: 10 s) until the status matches; returns the last status. */
    private static int awaitStatus(String slug, IntPredicate wanted) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        do {
            status = running.initialize(slug).statusCode();
            if (wanted.test(status)) {
                return status;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
        } while (System.nanoTime() < deadline);
        return status;
    }
}
