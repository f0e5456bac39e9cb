package io.mcpplatform.devstack;

import io.mcpplatform.devstack.entra.DemoDirectories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} of the platform's JVM while a sign-in's code is being redeemed, then a new process on the same
 * database and URL: the code is redeemed at most once over all attempts (the killed one, if it got through, and two
 * at the new process), nothing answers 500, and the database holds one redeemed code.
 */
class CrashDuringSignInTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REDIRECT = "http://127.0.0.1:53997/cb";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void codeWhenProcessKilledDuringRedemptionThenRedeemedAtMostOnceAcrossRestart() throws Exception {
        int publicPort = freePort();
        int entraPort = freePort();
        URI base = URI.create("http://127.0.0.1:" + publicPort);
        try (RestartableDatabase db = RestartableDatabase.start(dir)) {
            Process first = launch(db, publicPort, entraPort);
            String clientId;
            String verifier = SignInSteps.random();
            String code;
            CompletableFuture<Integer> killedAnswer;
            try {
                GracefulShutdownTest.awaitReady(first.getInputStream());
                clientId = SignInSteps.register(http, base, "Crash Test Client", REDIRECT);
                String state = SignInSteps.random();
                JsonNode approved = NodeTools.run("consent-browser.mjs", "crash-consent.log", List.of(
                        "--url", SignInSteps.authorizationUrl(base, clientId, REDIRECT, verifier, state),
                        "--expect-client-name", "Crash Test Client", "--expect-redirect-host", "127.0.0.1:53997",
                        "--expect-tenant", "Demo Organisation", "--expect-user", DemoDirectories.ALICE.username(),
                        "--screenshot", dir.resolve("consent.png").toString(),
                        "--user", DemoDirectories.ALICE.username(), "--entra-host", "127.0.0.1:" + entraPort)).ok();
                assertEquals(state, approved.path("state").asText());
                code = approved.path("code").asText();
                killedAnswer = http.sendAsync(tokenRequest(base, code, clientId, verifier),
                        HttpResponse.BodyHandlers.ofString()).handle((res, error) -> res == null ? -1 : res.statusCode());
            } finally {
                first.destroyForcibly(); // SIGKILL
                first.waitFor(30, TimeUnit.SECONDS);
            }
            int beforeKill = killedAnswer.get(30, TimeUnit.SECONDS);

            Process second = launch(db, publicPort, entraPort);
            try {
                GracefulShutdownTest.awaitReady(second.getInputStream());
                List<Integer> statuses = new ArrayList<>();
                statuses.add(beforeKill);
                for (int i = 0; i < 2; i++) {
                    HttpResponse<String> res = http.send(tokenRequest(base, code, clientId, verifier),
                            HttpResponse.BodyHandlers.ofString());
                    assertTrue(res.statusCode() == 200 || (res.statusCode() == 400
                            && JSON.readTree(res.body()).path("error").asText().equals("invalid_grant")), res.body());
                    statuses.add(res.statusCode());
                }
                long successes = statuses.stream().filter(s -> s == 200).count();
                System.out.println("FIGURES kill-9 during code redemption: answers (killed process, restarted x2) = "
                        + statuses);
                assertTrue(successes <= 1, "the code was redeemed more than once: " + statuses);
                assertNotEquals(200, statuses.get(2), "a second redemption at the new process succeeded");
                assertTrue(statuses.stream().noneMatch(s -> s >= 500), statuses.toString());
                try (Connection c = db.ownerConnection();
                     ResultSet rs = c.createStatement().executeQuery(
                             "select count(*) from authorization_codes where redeemed_at is not null")) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "exactly one code row is redeemed");
                }
            } finally {
                second.destroyForcibly();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Process launch(RestartableDatabase db, int publicPort, int entraPort) throws Exception {
        Path config = dir.resolve("crash.yaml");
        Files.writeString(config, "platform:\n  tenants:\n    refresh-interval: 200ms\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.mcpplatform.devstack.DevMain").redirectErrorStream(true);
        var env = builder.environment();
        env.put("MCP_PUBLIC_PORT", Integer.toString(publicPort));
        env.put("MCP_ADMIN_PORT", "0");
        env.put("MCP_DATA_DIR", dir.resolve("data").resolve("pg").toString());
        env.put("MCP_CONFIG", config.toString());
        env.put("MCP_STANDIN_ENTRA_PORT", Integer.toString(entraPort));
        env.put("MCP_STANDIN_ENTRA_INTERACTIVE", "false");
        env.put("MCP_STANDIN_GRAPH_PORT", "0");
        db.environment().forEach(env::put);
        return builder.start();
    }

    private static HttpRequest tokenRequest(URI base, String code, String clientId, String verifier) {
        return HttpRequest.newBuilder(URI.create(base + "/t/demo/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(SignInSteps.codeRedemption(base, code, REDIRECT, clientId,
                        verifier))).build();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
