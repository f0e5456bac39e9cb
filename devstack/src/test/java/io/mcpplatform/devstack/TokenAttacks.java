package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.devstack.AttackContext.Home;
import io.mcpplatform.devstack.AttackTally.Verdict;
import org.junit.jupiter.api.DynamicTest;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Attacks on tenant {@code home}'s token endpoint: code and refresh-token replay (one by one, and 20 parallel uses
 * with exactly one winner), codes and refresh tokens carried to the other tenant or another client, PKCE and
 * resource mismatches, grants the platform does not offer, and oversized or mistyped bodies. A refused request
 * creates no token row; replays revoke what the first use issued.
 */
final class TokenAttacks {
    private static final int PARALLEL = 20;
    /** What a replay may change: the deny list of access tokens the first use issued. */
    private static final java.util.Set<String> REVOCATIONS = java.util.Set.of("revoked_access_tokens");

    private final AttackContext ctx;
    private final Home home;
    private final Home other;

    TokenAttacks(AttackContext ctx, Home home, Home other) {
        this.ctx = ctx;
        this.home = home;
        this.other = other;
    }

    List<DynamicTest> all() {
        List<DynamicTest> out = new ArrayList<>();
        out.addAll(replays());
        out.addAll(codeMisuse());
        out.addAll(refreshMisuse());
        out.addAll(requestShape());
        return out;
    }

    private List<DynamicTest> replays() {
        List<DynamicTest> out = new ArrayList<>();
        out.add(ctx.tally.test("code-replay", home.slug() + " second redemption refused and first tokens revoked", () -> {
            String verifier = AttackContext.verifier();
            String code = ctx.freshCode(home, verifier);
            HttpResponse<String> first = redeem(home.slug(), code, verifier, home.clientId(), home.redirect());
            assertEquals(200, first.statusCode(), first.body());
            JsonNode issued = AttackContext.json(first);
            HttpResponse<String> replay = ctx.unchangedApartFrom(REVOCATIONS, () -> redeem(home.slug(), code,
                    verifier, home.clientId(), home.redirect()));
            Verdict v = Refusals.oauthError(replay, 400, "invalid_grant");
            HttpResponse<String> call = ctx.running.initialize(home.slug(), issued.path("access_token").asText());
            HttpResponse<String> refresh = refresh(home.slug(), issued.path("refresh_token").asText(), home.clientId());
            return Verdict.of(v.accepted() || call.statusCode() == 200 || refresh.statusCode() == 200,
                    "replay " + replay.statusCode() + ", first access token " + call.statusCode()
                            + ", first refresh token " + refresh.statusCode(), v.preciseRefusal());
        }));
        out.add(ctx.tally.test("code-replay", home.slug() + " " + PARALLEL + " parallel redemptions, one winner", () -> {
            String verifier = AttackContext.verifier();
            String code = ctx.freshCode(home, verifier);
            long rowsBefore = ctx.db.counts().get("refresh_tokens");
            List<HttpResponse<String>> answers = parallel(() -> redeem(home.slug(), code, verifier, home.clientId(),
                    home.redirect()));
            long winners = answers.stream().filter(r -> r.statusCode() == 200).count();
            long rowsAfter = ctx.db.counts().get("refresh_tokens");
            return Verdict.of(winners != 1 || rowsAfter - rowsBefore != 1, winners + " winners, "
                    + (rowsAfter - rowsBefore) + " refresh tokens", () -> answers.stream()
                    .filter(r -> r.statusCode() != 200)
                    .forEach(r -> Refusals.oauthError(r, 400, "invalid_grant").preciseRefusal().run()));
        }));
        out.add(ctx.tally.test("refresh-replay", home.slug() + " rotated refresh token reused revokes the family", () -> {
            JsonNode issued = ctx.freshTokens(home);
            String old = issued.path("refresh_token").asText();
            HttpResponse<String> rotated = refresh(home.slug(), old, home.clientId());
            assertEquals(200, rotated.statusCode(), rotated.body());
            String current = AttackContext.json(rotated).path("refresh_token").asText();
            HttpResponse<String> replay = ctx.unchangedApartFrom(REVOCATIONS, () -> refresh(home.slug(), old,
                    home.clientId()));
            Verdict v = Refusals.oauthError(replay, 400, "invalid_grant");
            HttpResponse<String> afterRevoke = refresh(home.slug(), current, home.clientId());
            return Verdict.of(v.accepted() || afterRevoke.statusCode() == 200, "replay " + replay.statusCode()
                    + ", newest refresh token afterwards " + afterRevoke.statusCode(), v.preciseRefusal());
        }));
        out.add(ctx.tally.test("refresh-replay", home.slug() + " " + PARALLEL + " parallel refreshes, one winner", () -> {
            String token = ctx.freshTokens(home).path("refresh_token").asText();
            List<HttpResponse<String>> answers = parallel(() -> refresh(home.slug(), token, home.clientId()));
            List<HttpResponse<String>> won = answers.stream().filter(r -> r.statusCode() == 200).toList();
            boolean familyAlive = !won.isEmpty() && refresh(home.slug(),
                    AttackContext.json(won.getFirst()).path("refresh_token").asText(), home.clientId()).statusCode() == 200;
            return Verdict.of(won.size() != 1 || familyAlive, won.size() + " winners, family alive " + familyAlive,
                    () -> answers.stream().filter(r -> r.statusCode() != 200)
                            .forEach(r -> Refusals.oauthError(r, 400, "invalid_grant").preciseRefusal().run()));
        }));
        return out;
    }

    private List<DynamicTest> codeMisuse() {
        record Misuse(String name, int status, String error, CodeAttack attack) {
        }
        String otherClient = ctx.register(home.slug(), "Second client", "http://127.0.0.1:53777/cb");
        List<Misuse> cases = List.of(
                new Misuse("code at " + other.slug() + "'s token endpoint", 401, "invalid_client",
                        (code, v) -> redeem(other.slug(), code, v, home.clientId(), home.redirect())),
                new Misuse("code with " + other.slug() + "'s client at " + other.slug(), 400, "invalid_grant",
                        (code, v) -> redeem(other.slug(), code, v, other.clientId(), other.redirect())),
                new Misuse("code with another client of the tenant", 400, "invalid_grant",
                        (code, v) -> redeem(home.slug(), code, v, otherClient, "http://127.0.0.1:53777/cb")),
                new Misuse("code with a wrong verifier", 400, "invalid_grant",
                        (code, v) -> redeem(home.slug(), code, AttackContext.verifier(), home.clientId(), home.redirect())),
                new Misuse("code with the challenge as verifier", 400, "invalid_grant",
                        (code, v) -> redeem(home.slug(), code, AttackContext.challenge(v), home.clientId(),
                                home.redirect())),
                new Misuse("code without a verifier", 400, "invalid_request",
                        (code, v) -> ctx.token(home.slug(), "grant_type", "authorization_code", "code", code,
                                "redirect_uri", home.redirect(), "client_id", home.clientId())),
                new Misuse("code with another redirect_uri", 400, "invalid_grant",
                        (code, v) -> redeem(home.slug(), code, v, home.clientId(), home.redirect() + "/x")),
                new Misuse("code for " + other.slug() + "'s resource", 400, "invalid_target",
                        (code, v) -> ctx.token(home.slug(), "grant_type", "authorization_code", "code", code,
                                "redirect_uri", home.redirect(), "client_id", home.clientId(), "code_verifier", v,
                                "resource", ctx.mcp(other.slug()))),
                new Misuse("code sent with a client secret by a public client", 401, "invalid_client",
                        (code, v) -> ctx.token(home.slug(), "grant_type", "authorization_code", "code", code,
                                "redirect_uri", home.redirect(), "client_id", home.clientId(), "code_verifier", v,
                                "client_secret", "guess")));
        List<DynamicTest> out = new ArrayList<>();
        for (Misuse m : cases) {
            out.add(ctx.tally.test("code-misuse", home.slug() + " " + m.name(), () -> {
                String verifier = AttackContext.verifier();
                String code = ctx.freshCode(home, verifier);
                HttpResponse<String> res = ctx.unchanged(() -> m.attack().run(code, verifier));
                Verdict v = Refusals.oauthError(res, m.status(), m.error());
                HttpResponse<String> rightful = redeem(home.slug(), code, verifier, home.clientId(), home.redirect());
                return Verdict.of(v.accepted(), v.what(), () -> {
                    v.preciseRefusal().run();
                    assertEquals(200, rightful.statusCode(), "the refused attempt consumed the code: " + rightful.body());
                });
            }));
        }
        return out;
    }

    @FunctionalInterface
    private interface CodeAttack {
        HttpResponse<String> run(String code, String verifier);
    }

    private List<DynamicTest> refreshMisuse() {
        String secondClient = ctx.register(home.slug(), "Refresh thief", "http://127.0.0.1:53778/cb");
        List<DynamicTest> out = new ArrayList<>();
        out.add(refreshCase("refresh token at " + other.slug(), 401, "invalid_client",
                t -> refresh(other.slug(), t, home.clientId())));
        out.add(refreshCase("refresh token with " + other.slug() + "'s client", 400, "invalid_grant",
                t -> refresh(other.slug(), t, other.clientId())));
        out.add(refreshCase("refresh token with another client of the tenant", 400, "invalid_grant",
                t -> refresh(home.slug(), t, secondClient)));
        out.add(refreshCase("refresh widening the scope", 400, "invalid_scope",
                t -> ctx.token(home.slug(), "grant_type", "refresh_token", "refresh_token", t,
                        "client_id", home.clientId(), "scope", "mcp:tools admin")));
        out.add(refreshCase("refresh for " + other.slug() + "'s resource", 400, "invalid_target",
                t -> ctx.token(home.slug(), "grant_type", "refresh_token", "refresh_token", t,
                        "client_id", home.clientId(), "resource", ctx.mcp(other.slug()))));
        out.add(refreshCase("access token used as refresh token", 400, "invalid_grant",
                t -> refresh(home.slug(), home.access(), home.clientId())));
        out.add(refreshCase("invented refresh token", 400, "invalid_grant",
                t -> refresh(home.slug(), AttackContext.verifier(), home.clientId())));
        out.add(refreshCase(other.slug() + "'s refresh token at " + home.slug() + " with the home client", 400,
                "invalid_grant", t -> refresh(home.slug(), other.refresh(), home.clientId())));
        return out;
    }

    private DynamicTest refreshCase(String name, int status, String error, java.util.function.Function<String,
            HttpResponse<String>> attack) {
        return ctx.tally.test("refresh-misuse", home.slug() + " " + name, () -> {
            String token = ctx.freshTokens(home).path("refresh_token").asText();
            Verdict v = Refusals.oauthError(ctx.unchanged(() -> attack.apply(token)), status, error);
            HttpResponse<String> rightful = refresh(home.slug(), token, home.clientId());
            return Verdict.of(v.accepted(), v.what(), () -> {
                v.preciseRefusal().run();
                assertEquals(200, rightful.statusCode(), "the refused attempt spent the refresh token: " + rightful.body());
            });
        });
    }

    private List<DynamicTest> requestShape() {
        List<DynamicTest> out = new ArrayList<>();
        for (String grant : List.of("password", "client_credentials", "implicit",
                "urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:ietf:params:oauth:grant-type:device_code",
                "urn:ietf:params:oauth:grant-type:token-exchange")) {
            out.add(ctx.tally.test("grant-type", home.slug() + " grant_type=" + grant, () ->
                    Refusals.oauthError(ctx.unchanged(() -> ctx.token(home.slug(), "grant_type", grant,
                            "client_id", home.clientId(), "username", home.user().username(), "password", "x",
                            "assertion", home.access(), "subject_token", home.access())), 400,
                            "unsupported_grant_type")));
        }
        out.add(ctx.tally.test("oversized-input", home.slug() + " token request of 1 MiB", () ->
                Refusals.oauthError(ctx.unchanged(() -> ctx.token(home.slug(), "grant_type", "authorization_code",
                        "code", "c".repeat(1024 * 1024), "client_id", home.clientId())), 413, "invalid_request")));
        out.add(ctx.tally.test("grant-type", home.slug() + " token request as JSON", () ->
                Refusals.oauthError(ctx.unchanged(() -> ctx.send(HttpRequest.newBuilder(ctx.url("/t/" + home.slug()
                                + "/oauth2/token")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"refresh_token\",\"refresh_token\":\""
                                + home.refresh() + "\",\"client_id\":\"" + home.clientId() + "\"}")).build())),
                        415, "invalid_request")));
        return out;
    }

    private HttpResponse<String> redeem(String slug, String code, String verifier, String clientId, String redirect) {
        return ctx.token(slug, "grant_type", "authorization_code", "code", code, "redirect_uri", redirect,
                "client_id", clientId, "code_verifier", verifier, "resource", ctx.mcp(slug));
    }

    private HttpResponse<String> refresh(String slug, String token, String clientId) {
        return ctx.token(slug, "grant_type", "refresh_token", "refresh_token", token, "client_id", clientId);
    }

    private static List<HttpResponse<String>> parallel(Callable<HttpResponse<String>> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            for (int i = 0; i < PARALLEL; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<HttpResponse<String>> out = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }
}
