package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpplatform.server.oauth.codes.CodeGrant;
import io.mcpplatform.server.oauth.token.OAuthBackRoutes;
import io.mcpplatform.server.oauth.token.PlatformTokenVerifier;
import io.mcpplatform.server.oauth.token.TokenSubject;
import io.mcpplatform.tenants.Tenant;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark, not a test (run by {@code tools/bench/tokens.sh}): the cost of validating a platform access token with
 * cached keys (signature, claims, revocation check), and {@code /token} throughput for the authorization_code grant
 * at 32 concurrent clients on the assembled platform (embedded PostgreSQL). Prints {@code BENCH} lines.
 */
public final class TokenBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int codes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dir = Files.createTempDirectory("mcp-token-bench");
        try (RunningPlatform running = RunningPlatform.start(dir)) {
            Tenant demo = running.platform.tenantRepository().findBySlug("demo").orElseThrow();
            OAuthBackRoutes tokens = running.platform.authorizationServer().tokens();
            validation(tokens, demo);
            tokenEndpoint(running, tokens, demo, codes);
            onBehalfOf(running, demo);
        }
        System.exit(0);
    }

    private static void validation(OAuthBackRoutes tokens, Tenant demo) {
        String token = tokens.accessTokenIssuer().issue(demo, new TokenSubject("tid", "oid-bench", "Bench", "bench"),
                "bench-client", Set.of("mcp:tools"), "jti-bench", tokens.accessTokenIssuer().expiryFromNow());
        measure("validation", () -> tokens.accessTokenVerifier().verify(demo, PlatformTokenVerifier.parse(token)));
        measure("validation_remembered", () -> tokens.accessTokenVerifier().verify(demo, token));
    }

    /** Median and p99 cost of one call, from 200 samples of 1,000 calls after 50,000 warm-up calls. */
    private static void measure(String name, Runnable call) {
        int batch = 1000;
        for (int i = 0; i < 50 * batch; i++) {
            call.run();
        }
        double[] perCallMicros = new double[200];
        for (int s = 0; s < perCallMicros.length; s++) {
            long start = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                call.run();
            }
            perCallMicros[s] = (System.nanoTime() - start) / 1000.0 / batch;
        }
        Arrays.sort(perCallMicros);
        System.out.printf("BENCH %s samples=%d batch=%d median_us=%.2f p99_us=%.2f%n", name, perCallMicros.length,
                batch, perCallMicros[perCallMicros.length / 2], perCallMicros[perCallMicros.length * 99 / 100]);
    }

    private static void tokenEndpoint(RunningPlatform running, OAuthBackRoutes tokens, Tenant demo, int count)
            throws Exception {
        String redirect = "http://127.0.0.1:53111/cb";
        HttpResponse<String> registered = running.send(HttpRequest.newBuilder(
                        URI.create(running.platform.baseUrl() + "/t/demo/oauth2/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("client_name", "bench",
                        "redirect_uris", List.of(redirect), "token_endpoint_auth_method", "none"))))
                .build());
        String clientId = JSON.readTree(registered.body()).path("client_id").asText();
        String verifier = "v".repeat(64);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String resource = running.platform.mcpUrl("demo").toString();
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < count + 200; i++) {
            issued.add(tokens.authorizationCodes().issue(new CodeGrant(demo.id(), clientId, redirect, challenge,
                    Set.of("mcp:tools"), resource, "tid", "oid-" + (i % 50), "User", "user", null,
                    Instant.now().plusSeconds(600))));
        }
        URI tokenUrl = URI.create(running.platform.baseUrl() + "/t/demo/oauth2/token");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Runnable redeem = () -> {
            int i = next.getAndIncrement();
            String form = "grant_type=authorization_code&code=" + URLEncoder.encode(issued.get(i), StandardCharsets.UTF_8)
                    + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&client_id=" + clientId
                    + "&code_verifier=" + verifier;
            HttpResponse<String> res = running.send(HttpRequest.newBuilder(tokenUrl)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            if (res.statusCode() != 200 || !res.body().contains("access_token")) {
                failures.incrementAndGet();
            }
        };
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            run(pool, redeem, 200);
            next.set(200);
            failures.set(0);
            long start = System.nanoTime();
            run(pool, redeem, count);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH token_endpoint requests=%d concurrency=32 seconds=%.2f per_second=%.0f failures=%d%n",
                    count, seconds, count / seconds, failures.get());
        }
    }

    /**
     * On-behalf-of for 50 users with Entra tokens presented directly: the first call per user goes to the stand-in
     * Entra (uncached), the next 1,000 calls spread over the same users must be served from the per-user cache.
     */
    private static void onBehalfOf(RunningPlatform running, Tenant demo) {
        io.mcpplatform.devstack.entra.EntraStandIn entra = running.entra.standIn();
        Set<String> scopes = Set.of("https://graph.microsoft.com/User.Read");
        List<io.mcpplatform.server.auth.UserContext> users = new ArrayList<>();
        for (int i = 1; i <= io.mcpplatform.devstack.entra.DemoDirectories.LOAD_USERS; i++) {
            var user = io.mcpplatform.devstack.entra.DemoDirectories.loadUser(i);
            String token = entra.accessToken(io.mcpplatform.devstack.entra.DemoDirectories.DEMO_TID, user,
                    io.mcpplatform.devstack.entra.DemoDirectories.DEMO_CLIENT_ID,
                    "api://" + io.mcpplatform.devstack.entra.DemoDirectories.DEMO_CLIENT_ID + "/access_as_user");
            users.add(new io.mcpplatform.server.auth.UserContext(demo.id(), demo.slug(),
                    io.mcpplatform.devstack.entra.DemoDirectories.DEMO_TID, user.oid(), user.name(), user.username(),
                    Set.of("mcp:tools"), "bench", io.mcpplatform.server.auth.UserContext.TokenKind.ENTRA, token));
        }
        var broker = running.platform.oboBroker();
        int before = entra.oboRequests().size();
        double[] uncached = new double[users.size()];
        for (int i = 0; i < users.size(); i++) {
            long start = System.nanoTime();
            broker.accessToken(demo, users.get(i), scopes);
            uncached[i] = (System.nanoTime() - start) / 1000.0;
        }
        int afterFirst = entra.oboRequests().size();
        double[] cached = new double[1000];
        for (int i = 0; i < cached.length; i++) {
            long start = System.nanoTime();
            broker.accessToken(demo, users.get(i % users.size()), scopes);
            cached[i] = (System.nanoTime() - start) / 1000.0;
        }
        int afterAll = entra.oboRequests().size();
        Arrays.sort(uncached);
        Arrays.sort(cached);
        System.out.printf("BENCH obo users=%d uncached_median_us=%.0f cached_median_us=%.0f cached_p99_us=%.0f "
                        + "entra_requests_first=%d entra_requests_per_1000_cached_calls=%d%n", users.size(),
                uncached[uncached.length / 2], cached[cached.length / 2], cached[cached.length * 99 / 100],
                afterFirst - before, afterAll - afterFirst);
    }

    private static void run(ExecutorService pool, Runnable task, int times) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            futures.add(pool.submit(task));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }
}
