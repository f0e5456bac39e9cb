package io.mcpplatform.devstack;

import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.entra.DemoUser;
import io.mcpplatform.server.oauth.token.OAuthBackRoutes;
import io.mcpplatform.server.oauth.token.TokenSubject;
import io.mcpplatform.tenants.Tenant;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Benchmark, not a test (run by {@code tools/bench/expenses.sh}): {@code add_expense} followed by
 * {@code list_expenses} (20 newest) through the full MCP path (platform token, session, tool, PostgreSQL) by 32
 * concurrent users of the demo tenant, each on its own session, each user's list growing as it adds. After a 15 s
 * warm-up, each round measures row-level security on (as shipped) and off ({@code DISABLE} + {@code NO FORCE} on the
 * same table, so the same statements, indexes and data; the transaction still sets {@code app.tenant_id} and
 * {@code app.user_oid}); the order alternates between rounds. Prints {@code BENCH} lines, then the medians over rounds.
 */
public final class ExpensesBenchmark {
    private static final int USERS = 32;

    private ExpensesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dir = Files.createTempDirectory("mcp-expenses-bench");
        try (RunningPlatform running = RunningPlatform.start(dir)) {
            Tenant demo = running.platform.tenantRepository().findBySlug("demo").orElseThrow();
            OAuthBackRoutes tokens = running.platform.authorizationServer().tokens();
            List<double[]> on = new ArrayList<>();
            List<double[]> off = new ArrayList<>();
            List<String[]> sessions = new ArrayList<>();
            for (int i = 1; i <= USERS; i++) {
                DemoUser user = DemoDirectories.loadUser(i);
                String token = tokens.accessTokenIssuer().issue(demo, new TokenSubject(DemoDirectories.DEMO_TID,
                                user.oid(), user.name(), user.username()), "bench", Set.of("mcp:tools"),
                        "jti-expenses-" + i, tokens.accessTokenIssuer().expiryFromNow());
                String session = running.initialize("demo", token).headers().firstValue("Mcp-Session-Id")
                        .orElseThrow();
                sessions.add(new String[]{token, session});
            }
            run(running, sessions, 15, null);
            for (int round = 1; round <= rounds; round++) {
                // alternate which variant goes first, so that warm-up and drift do not favour one
                boolean[] order = round % 2 == 1 ? new boolean[]{true, false} : new boolean[]{false, true};
                for (boolean rls : order) {
                    rowLevelSecurity(running, dir, rls);
                    run(running, sessions, 3, null);
                    (rls ? on : off).add(run(running, sessions, seconds,
                            "round=" + round + " rls=" + (rls ? "on" : "off")));
                }
            }
            rowLevelSecurity(running, dir, true);
            System.out.printf("BENCH expenses summary rounds=%d median_pairs_per_second rls_on=%.0f rls_off=%.0f"
                            + " on_vs_off=%.0f%% median_add_p99_ms rls_on=%.2f rls_off=%.2f"
                            + " median_list_p99_ms rls_on=%.2f rls_off=%.2f%n", rounds,
                    median(on, 0), median(off, 0), 100 * median(on, 0) / median(off, 0),
                    median(on, 1), median(off, 1), median(on, 2), median(off, 2));
        }
        System.exit(0);
    }

    /** Turns the table's row-level security off or back on, as the schema owner (the app role cannot). */
    private static void rowLevelSecurity(RunningPlatform running, Path dir, boolean on) throws Exception {
        Properties credentials = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("pg").resolve("credentials.properties"))) {
            credentials.load(in);
        }
        try (Connection c = DriverManager.getConnection(running.platform.databaseUrl(), "mcp_owner",
                credentials.getProperty("owner.password")); Statement s = c.createStatement()) {
            s.execute(on ? "alter table expenses enable row level security"
                    : "alter table expenses disable row level security");
            s.execute(on ? "alter table expenses force row level security"
                    : "alter table expenses no force row level security");
        }
    }

    /** The median over rounds of one figure ({@code 0} pairs/s, {@code 1} add p99, {@code 2} list p99). */
    private static double median(List<double[]> rounds, int figure) {
        double[] values = rounds.stream().mapToDouble(r -> r[figure]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** Runs every user's loop for {@code seconds}; returns pairs/s, add p99 ms, list p99 ms. */
    private static double[] run(RunningPlatform running, List<String[]> sessions, int seconds, String label)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[][]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(sessions.size())) {
            for (String[] s : sessions) {
                futures.add(pool.submit(() -> user(running, s[0], s[1], end)));
            }
            List<Long> adds = new ArrayList<>();
            List<Long> lists = new ArrayList<>();
            long failures = 0;
            for (Future<long[][]> f : futures) {
                long[][] r = f.get();
                Arrays.stream(r[0]).forEach(adds::add);
                Arrays.stream(r[1]).forEach(lists::add);
                failures += r[2][0];
            }
            double took = (System.nanoTime() - start) / 1e9;
            if (label != null) {
                System.out.printf("BENCH expenses %s users=%d seconds=%.1f pairs_per_second=%.0f"
                                + " requests_per_second=%.0f add_p50_ms=%.2f add_p99_ms=%.2f list_p50_ms=%.2f list_p99_ms=%.2f failures=%d%n",
                        label, sessions.size(), took, adds.size() / took, (adds.size() + lists.size()) / took,
                        percentile(adds, 50), percentile(adds, 99), percentile(lists, 50), percentile(lists, 99),
                        failures);
            }
            return new double[]{adds.size() / took, percentile(adds, 99), percentile(lists, 99)};
        }
    }

    /** One user's loop: add an expense, list the 20 newest; latencies in nanoseconds and the failure count. */
    private static long[][] user(RunningPlatform running, String token, String session, long end) {
        List<Long> adds = new ArrayList<>();
        List<Long> lists = new ArrayList<>();
        long failures = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
            String add = "{\"amount\":\"" + (1 + random.nextInt(500)) + "." + (10 + random.nextInt(90))
                    + "\",\"currency\":\"EUR\",\"category\":\"meals\",\"date\":\"2025-"
                    + String.format("%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))
                    + "\",\"description\":\"bench lunch\"}";
            long t0 = System.nanoTime();
            HttpResponse<String> a = running.callTool("demo", token, session, "add_expense", add);
            long t1 = System.nanoTime();
            HttpResponse<String> l = running.callTool("demo", token, session, "list_expenses", "{\"limit\":20}");
            long t2 = System.nanoTime();
            adds.add(t1 - t0);
            lists.add(t2 - t1);
            if (!ok(a, "\"created\":true") || !ok(l, "\"count\":")) {
                failures++;
            }
        }
        return new long[][]{adds.stream().mapToLong(Long::longValue).toArray(),
                lists.stream().mapToLong(Long::longValue).toArray(), {failures}};
    }

    private static boolean ok(HttpResponse<String> response, String expected) {
        return response.statusCode() == 200 && response.body().contains(expected)
                && !response.body().contains("\"isError\":true");
    }

    private static double percentile(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            return 0;
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }
}
