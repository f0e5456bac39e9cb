package io.mcpplatform.devstack;

import io.mcpplatform.devstack.entra.DevEntra;
import io.mcpplatform.devstack.graph.GraphStandIn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL stopped and started again (same port and data) while clients register OAuth clients (acknowledged
 * writes): requests during the outage get 503 with {@code Retry-After} within 2 s (never a 500 or a hang), liveness
 * stays 200 while readiness goes down and comes back, the platform recovers within 10 s without a restart, and every
 * registration that was answered 201 is in the database afterwards; {@code /token} and the admin API answer 503 too. One outage in CI; {@code -Dmcp.soak.cycles=N}
 * (tools/soak.sh) repeats it.
 */
class DatabaseOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WORKERS = 4;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private record Outcome(int status, long millis, boolean retryAfter, long atNanos) {
    }

    @Test
    void databaseWhenStoppedAndRestartedUnderLoadThen503QuicklyLiveStaysUpRecoversAndNoAcknowledgedWriteIsLost()
            throws Exception {
        try (RestartableDatabase db = RestartableDatabase.start(dir);
             DevEntra entra = DevEntra.start(dir, 0, false);
             GraphStandIn graph = GraphStandIn.start(0, entra.standIn().baseUrl());
             RunningPlatform running = RunningPlatform.instance(dir, "  limits:\n    requests-per-second: 100000\n",
                     entra, graph, o -> o.withEmbeddedDatabase(db.provider()), false)) {
            URI register = running.publicUrl("/t/demo/oauth2/register");
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            List<Outcome> outcomes = new CopyOnWriteArrayList<>();
            AtomicInteger transportErrors = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sequence = new AtomicInteger();
            ExecutorService load = Executors.newFixedThreadPool(WORKERS);
            for (int w = 0; w < WORKERS; w++) {
                load.submit(() -> {
                    while (!stop.get()) {
                        String body = "{\"client_name\":\"outage-" + sequence.incrementAndGet()
                                + "\",\"redirect_uris\":[\"http://127.0.0.1:9/cb\"]}";
                        long start = System.nanoTime();
                        try {
                            HttpResponse<String> res = http.send(HttpRequest.newBuilder(register)
                                    .timeout(Duration.ofSeconds(5))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            long end = System.nanoTime();
                            if (res.statusCode() == 201) {
                                acknowledged.add(JSON.readTree(res.body()).get("client_id").asText());
                            }
                            outcomes.add(new Outcome(res.statusCode(), (end - start) / 1_000_000,
                                    res.headers().firstValue("Retry-After").isPresent(), end));
                            if (res.statusCode() == 503) {
                                Thread.sleep(50);
                            }
                        } catch (Exception e) {
                            transportErrors.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            long loadStarted = System.nanoTime();
            while (acknowledged.size() < 20 && System.nanoTime() - loadStarted < TimeUnit.SECONDS.toNanos(60)) {
                Thread.sleep(50);
            }
            int beforeOutage = acknowledged.size();

            int cycles = Integer.getInteger("mcp.soak.cycles", 1);
            boolean liveAlwaysUp = true;
            boolean readyWentDown = false;
            HttpResponse<String> tokenDuringOutage = null;
            HttpResponse<String> adminDuringOutage = null;
            double slowestRecovery = 0;
            for (int cycle = 0; cycle < cycles; cycle++) {
                db.stop();
                long stoppedAt = System.nanoTime();
                while (System.nanoTime() - stoppedAt < TimeUnit.SECONDS.toNanos(3)) {
                    liveAlwaysUp &= running.get(running.admin("/health/live")).statusCode() == 200;
                    readyWentDown |= running.get(running.admin("/health/ready")).statusCode() == 503;
                    if (tokenDuringOutage == null) {
                        tokenDuringOutage = running.send(HttpRequest.newBuilder(
                                        running.publicUrl("/t/demo/oauth2/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=x"
                                        + "&client_id=mcp-unknown&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb"
                                        + "&code_verifier=" + "v".repeat(43))).build());
                        adminDuringOutage = running.send(HttpRequest.newBuilder(running.admin("/admin/v1/tenants"))
                                .header("Authorization", "ApiKey " + RunningPlatform.ADMIN_KEY).GET().build());
                    }
                    Thread.sleep(100);
                }
                db.restart();
                long restartedAt = System.nanoTime();
                long recoveredAt = 0;
                while (System.nanoTime() - restartedAt < TimeUnit.SECONDS.toNanos(20)) {
                    liveAlwaysUp &= running.get(running.admin("/health/live")).statusCode() == 200;
                    boolean ready = running.get(running.admin("/health/ready")).statusCode() == 200;
                    boolean written = outcomes.stream().anyMatch(o -> o.status() == 201 && o.atNanos() > restartedAt);
                    if (ready && written) {
                        recoveredAt = System.nanoTime();
                        break;
                    }
                    Thread.sleep(100);
                }
                slowestRecovery = Math.max(slowestRecovery, recoveredAt == 0 ? Double.MAX_VALUE
                        : (recoveredAt - restartedAt) / 1e9);
                Thread.sleep(1000);
            }
            Thread.sleep(1000);
            stop.set(true);
            load.shutdown();
            assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));

            Map<Integer, Integer> byStatus = new ConcurrentHashMap<>();
            outcomes.forEach(o -> byStatus.merge(o.status(), 1, Integer::sum));
            long slowest503 = outcomes.stream().filter(o -> o.status() == 503).mapToLong(Outcome::millis).max()
                    .orElse(0);
            long missing503RetryAfter = outcomes.stream().filter(o -> o.status() == 503 && !o.retryAfter()).count();
            int lost = acknowledged.size() - countStored(db, acknowledged);
            double recoverySeconds = slowestRecovery;
            System.out.printf("FIGURES database-outage: cycles=%d requests=%d by-status=%s acknowledged=%d (before outage %d)"
                            + " lost=%d slowest-503-ms=%d recovery-after-restart-s=%.2f transport-errors=%d%n",
                    cycles, outcomes.size(), byStatus, acknowledged.size(), beforeOutage, lost, slowest503,
                    recoverySeconds, transportErrors.get());

            assertEquals(0, lost, "acknowledged registrations missing after the restart");
            assertTrue(beforeOutage > 0, "no registration succeeded before the outage");
            assertTrue(byStatus.getOrDefault(503, 0) > 0, "no request saw the outage: " + byStatus);
            assertEquals(Set.of(201, 503), byStatus.keySet(), "only 201 and 503 may be answered: " + byStatus);
            assertEquals(0, missing503RetryAfter, "a 503 without Retry-After");
            assertTrue(slowest503 <= 2000, "a 503 took " + slowest503 + " ms");
            assertEquals(0, transportErrors.get(), "requests hung or the connection broke");
            assertTrue(liveAlwaysUp, "liveness went down with the database");
            assertTrue(readyWentDown, "readiness stayed up without a database");
            assertTrue(recoverySeconds <= 10, "no recovery within 10 s: " + recoverySeconds);
            assertTrue(acknowledged.size() > beforeOutage, "no registration succeeded after the restart");

            assertEquals(503, tokenDuringOutage.statusCode(), tokenDuringOutage.body());
            assertEquals("2", tokenDuringOutage.headers().firstValue("Retry-After").orElseThrow());
            JsonNode error = JSON.readTree(tokenDuringOutage.body());
            assertEquals("temporarily_unavailable", error.get("error").asText());
            assertEquals(503, adminDuringOutage.statusCode(), adminDuringOutage.body());
            assertEquals("2", adminDuringOutage.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(503, JSON.readTree(adminDuringOutage.body()).get("status").asInt());
        }
    }

    private static int countStored(RestartableDatabase db, List<String> clientIds) throws Exception {
        try (Connection c = db.ownerConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from oauth_clients where client_id = any(?)")) {
            q.setArray(1, c.createArrayOf("text", clientIds.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
