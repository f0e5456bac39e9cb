package io.mcpplatform.devstack;

import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantLimits;
import io.mcpplatform.tenants.TenantStatus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bench, not a CI test (its name is outside Surefire's includes; run by {@code tools/soak.sh noisy}): two tenants on
 * one instance. Tenant {@code quiet} calls the echo tool from 2 clients; its p99 is measured alone, then while tenant
 * {@code noisy} (limit {@value #NOISY_LIMIT} requests/s) floods from {@value #FLOODERS} clients far beyond its limit.
 * Asserts the quiet tenant's p99 under the flood stays within 2x of its quiet value and prints a {@code FIGURES} line.
 * Duration per phase: {@code -Dmcp.soak.seconds} (default 10).
 */
class NoisyNeighbourSoak {
    static final int NOISY_LIMIT = 50;
    static final int FLOODERS = 16;
    private static final int QUIET_CLIENTS = 2;

    @TempDir
    Path dir;

    @Test
    void quietTenantWhenNeighbourFloodsBeyondItsLimitThenP99StaysWithinTwiceQuietValue() throws Exception {
        Duration phase = Duration.ofSeconds(Long.getLong("mcp.soak.seconds", 10));
        try (RunningPlatform running = RunningPlatform.start(dir)) {
            addTenant(running, "quiet", OptionalInt.empty());
            addTenant(running, "noisy", OptionalInt.of(NOISY_LIMIT));
            running.platform.refreshTenants();
            measureQuiet(running, Duration.ofSeconds(2));
            List<Long> alone = measureQuiet(running, phase);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong admitted = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            HttpClient floodClient = HttpClient.newHttpClient();
            ExecutorService flood = Executors.newFixedThreadPool(FLOODERS);
            for (int i = 0; i < FLOODERS; i++) {
                flood.submit(() -> {
                    while (!stop.get()) {
                        int status = floodClient.send(initialize(running, "noisy"), HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        (status == 429 ? refused : admitted).incrementAndGet();
                    }
                    return null;
                });
            }
            Thread.sleep(1000);
            List<Long> flooded = measureQuiet(running, phase);
            stop.set(true);
            flood.shutdown();
            flood.awaitTermination(30, TimeUnit.SECONDS);

            double p99Alone = p99(alone) / 1000.0;
            double p99Flooded = p99(flooded) / 1000.0;
            System.out.printf("FIGURES noisy-neighbour: phase=%ds quiet-requests alone=%d flooded=%d"
                            + " quiet-p99-ms alone=%.2f flooded=%.2f ratio=%.2f noisy admitted=%d refused-429=%d%n",
                    phase.toSeconds(), alone.size(), flooded.size(), p99Alone, p99Flooded, p99Flooded / p99Alone,
                    admitted.get(), refused.get());
            assertTrue(refused.get() > admitted.get(), "the flood was not beyond the noisy tenant's limit");
            assertTrue(p99Flooded <= 2 * p99Alone, "quiet p99 " + p99Flooded + " ms > 2 x " + p99Alone + " ms");
        }
    }

    private static void addTenant(RunningPlatform running, String slug, OptionalInt requestsPerSecond) {
        Instant now = Instant.now();
        running.platform.tenantRepository().upsert(new Tenant(UUID.randomUUID(), slug, slug, TenantStatus.ACTIVE, null,
                ClientPolicy.defaults(), List.of("echo"), Tenant.McpMode.STATEFUL, null,
                new TenantLimits(requestsPerSecond, OptionalInt.empty(), OptionalInt.empty()), now, now));
    }

    private static HttpRequest initialize(RunningPlatform running, String tenant) {
        return HttpRequest.newBuilder(running.platform.mcpUrl(tenant))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(RunningPlatform.INITIALIZE)).build();
    }

    /** Latencies in microseconds of echo tool calls by the quiet tenant's clients during the phase. */
    private static List<Long> measureQuiet(RunningPlatform running, Duration phase) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(QUIET_CLIENTS);
        long end = System.nanoTime() + phase.toNanos();
        for (int c = 0; c < QUIET_CLIENTS; c++) {
            clients.submit(() -> {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> init = http.send(initialize(running, "quiet"), HttpResponse.BodyHandlers.ofString());
                String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
                HttpRequest call = HttpRequest.newBuilder(running.platform.mcpUrl("quiet"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .header("MCP-Protocol-Version", "2025-11-25")
                        .header("Mcp-Session-Id", session)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                                + "\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"q\"}}}"))
                        .build();
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    int status = http.send(call, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 200) {
                        throw new IllegalStateException("quiet tenant got " + status);
                    }
                    latencies.add((System.nanoTime() - start) / 1000);
                }
                return null;
            });
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(phase.toSeconds() + 30, TimeUnit.SECONDS));
        return latencies;
    }

    private static long p99(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1));
    }
}
