package io.mcpplatform.server.oauth.token;

import io.mcpplatform.server.oauth.OAuthFixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.mcpplatform.server.oauth.OAuthFixture.BASIC_CLIENT;
import static io.mcpplatform.server.oauth.OAuthFixture.POST_CLIENT;
import static io.mcpplatform.server.oauth.OAuthFixture.PUBLIC_CLIENT;
import static io.mcpplatform.server.oauth.OAuthFixture.REDIRECT;
import static io.mcpplatform.server.oauth.OAuthFixture.SECRET;
import static io.mcpplatform.server.oauth.OAuthFixture.VERIFIER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /token} and {@code /revoke} over real HTTP on real PostgreSQL. */
class TokenEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "/t/alpha/oauth2/token";
    private static OAuthFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new OAuthFixture(TokenSettings.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String codeForm(String code, String clientId, String redirect, String verifier) {
        return "grant_type=authorization_code&code=" + enc(code) + "&client_id=" + enc(clientId) + "&redirect_uri="
                + enc(redirect) + "&code_verifier=" + enc(verifier);
    }

    private static HttpResponse<String> redeem(String code) {
        return f.postForm(TOKEN, codeForm(code, PUBLIC_CLIENT, REDIRECT, VERIFIER));
    }

    private static HttpResponse<String> refresh(String refreshToken, String extra) {
        return f.postForm(TOKEN, "grant_type=refresh_token&client_id=" + PUBLIC_CLIENT + "&refresh_token="
                + enc(refreshToken) + extra);
    }

    private static JsonNode json(HttpResponse<String> res) throws Exception {
        return JSON.readTree(res.body());
    }

    private static void assertError(HttpResponse<String> res, int status, String error) throws Exception {
        assertEquals(status, res.statusCode(), res.body());
        assertEquals(error, json(res).path("error").asText(), res.body());
        assertTrue(json(res).path("error_description").isTextual());
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void tokenWhenCodeAndVerifierValidThenTokensWithNoStoreAndAccessTokenWorksAtMcp() throws Exception {
        String code = f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-happy");
        HttpResponse<String> res = redeem(code);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("no-cache", res.headers().firstValue("Pragma").orElse(""));
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = json(res);
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(600, body.get("expires_in").asInt());
        assertEquals("mcp:tools", body.get("scope").asText());
        assertEquals(43, body.get("refresh_token").asText().length());
        String access = body.get("access_token").asText();

        String[] parts = access.split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("at+jwt", header.get("typ").asText());
        assertEquals("RS256", header.get("alg").asText());
        assertTrue(header.get("kid").isTextual());
        assertEquals(OAuthFixture.BASE + "/t/alpha", claims.get("iss").asText());
        assertEquals(OAuthFixture.BASE + "/t/alpha/mcp", claims.get("aud").isArray()
                ? claims.get("aud").get(0).asText() : claims.get("aud").asText());
        assertEquals("oid-happy", claims.get("sub").asText());
        assertEquals("oid-happy", claims.get("oid").asText());
        assertEquals(f.alpha.entra().tenantId(), claims.get("tid").asText());
        assertEquals(PUBLIC_CLIENT, claims.get("client_id").asText());
        assertEquals("mcp:tools", claims.get("scope").asText());
        assertEquals("Ada Lovelace", claims.get("name").asText());
        assertEquals("ada@example.test", claims.get("preferred_username").asText());
        assertEquals(claims.get("iat").asLong() + 600, claims.get("exp").asLong());
        assertEquals(claims.get("iat").asLong(), claims.get("nbf").asLong());
        assertTrue(claims.get("jti").isTextual());

        HttpResponse<String> call = f.callWhoAmI("alpha", "Bearer " + access);
        assertEquals(200, call.statusCode(), call.body());
        assertTrue(call.body().contains("alpha|oid-happy|public-client|PLATFORM"), call.body());
    }

    @Test
    void tokenWhenVerifierWrongThenInvalidGrantAndCodeStillRedeemableWithRightVerifier() throws Exception {
        String code = f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-pkce");
        String wrong = "x".repeat(43);
        assertError(f.postForm(TOKEN, codeForm(code, PUBLIC_CLIENT, REDIRECT, wrong)), 400, "invalid_grant");
        assertEquals(200, redeem(code).statusCode());
    }

    @Test
    void tokenWhenVerifierMalformedOrMissingThenInvalidRequest() throws Exception {
        String code = f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-pkce2");
        assertError(f.postForm(TOKEN, codeForm(code, PUBLIC_CLIENT, REDIRECT, "short")), 400, "invalid_request");
        assertError(f.postForm(TOKEN, codeForm(code, PUBLIC_CLIENT, REDIRECT, "a".repeat(129))), 400, "invalid_request");
        assertError(f.postForm(TOKEN, codeForm(code, PUBLIC_CLIENT, REDIRECT, "a".repeat(42) + "!")), 400,
                "invalid_request");
        assertError(f.postForm(TOKEN, "grant_type=authorization_code&code=" + enc(code) + "&client_id=" + PUBLIC_CLIENT
                + "&redirect_uri=" + enc(REDIRECT)), 400, "invalid_request");
        assertEquals(200, redeem(code).statusCode());
    }

    @Test
    void tokenWhenCodeReusedThenInvalidGrantAndFirstTokensRevoked() throws Exception {
        String code = f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-reuse");
        JsonNode first = json(redeem(code));
        String access = first.get("access_token").asText();
        assertEquals(200, f.callWhoAmI("alpha", "Bearer " + access).statusCode());

        assertError(redeem(code), 400, "invalid_grant");

        assertError(refresh(first.get("refresh_token").asText(), ""), 400, "invalid_grant");
        assertEquals(401, f.callWhoAmI("alpha", "Bearer " + access).statusCode(), "the first access token is revoked");
    }

    @Test
    void tokenWhenTwentyParallelRedemptionsOfOneCodeThenExactlyOneSucceeds() throws Exception {
        String code = f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-race");
        List<Integer> statuses = parallel(20, () -> redeem(code).statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
    }

    @Test
    void tokenWhenCodeExpiredThenInvalidGrant() throws Exception {
        String code = f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-expired");
        f.clock.advanceSeconds(61);
        try {
            assertError(redeem(code), 400, "invalid_grant");
        } finally {
            f.clock.advanceSeconds(-61);
        }
    }

    @Test
    void tokenWhenCodeOfAnotherClientOrRedirectThenInvalidGrantAndCodeNotConsumed() throws Exception {
        String code = f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-bound");
        assertError(f.postForm(TOKEN, codeForm(code, "other-client", REDIRECT, VERIFIER)), 400, "invalid_grant");
        assertError(f.postForm(TOKEN, codeForm(code, PUBLIC_CLIENT, REDIRECT + "/", VERIFIER)), 400, "invalid_grant");
        assertError(f.postForm(TOKEN, codeForm(code, PUBLIC_CLIENT, "http://127.0.0.1:33419/callback", VERIFIER)), 400,
                "invalid_grant");
        assertError(f.postForm("/t/beta/oauth2/token", codeForm(code, PUBLIC_CLIENT, REDIRECT, VERIFIER)), 400,
                "invalid_grant");
        assertEquals(200, redeem(code).statusCode());
    }

    @Test
    void tokenWhenResourceIsNotThisTenantsMcpUrlThenInvalidTarget() throws Exception {
        String code = f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-resource");
        String form = codeForm(code, PUBLIC_CLIENT, REDIRECT, VERIFIER);
        assertError(f.postForm(TOKEN, form + "&resource=" + enc(OAuthFixture.BASE + "/t/beta/mcp")), 400,
                "invalid_target");
        assertEquals(200, f.postForm(TOKEN, form + "&resource=" + enc(OAuthFixture.BASE + "/t/alpha/mcp"))
                .statusCode());
    }

    @Test
    void tokenWhenRefreshedThenRotatedAndOldRefreshTokenReplayRevokesFamily() throws Exception {
        JsonNode first = json(redeem(f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-refresh")));
        String r1 = first.get("refresh_token").asText();
        HttpResponse<String> second = refresh(r1, "");
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("no-store", second.headers().firstValue("Cache-Control").orElse(""));
        String r2 = json(second).get("refresh_token").asText();
        String a2 = json(second).get("access_token").asText();
        assertNotEquals(r1, r2);
        assertEquals(200, f.callWhoAmI("alpha", "Bearer " + a2).statusCode());

        assertError(refresh(r1, ""), 400, "invalid_grant");

        assertError(refresh(r2, ""), 400, "invalid_grant");
        assertEquals(401, f.callWhoAmI("alpha", "Bearer " + a2).statusCode());
        f.audit.flush();
        assertTrue(f.count("select count(*) from audit_log where action = 'oauth.refresh.replayed'") >= 1);
    }

    @Test
    void tokenWhenTwentyParallelRefreshesOfOneTokenThenExactlyOneWinner() throws Exception {
        String r1 = json(redeem(f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-refresh-race"))).get("refresh_token").asText();
        List<Integer> statuses = parallel(20, () -> refresh(r1, "").statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
    }

    @Test
    void tokenWhenRefreshNarrowsScopeThenAllowedAndWideningIsInvalidScope() throws Exception {
        String r1 = json(redeem(f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-scope"))).get("refresh_token").asText();
        assertError(refresh(r1, "&scope=" + enc("mcp:tools admin")), 400, "invalid_scope");
        HttpResponse<String> ok = refresh(r1, "&scope=mcp:tools");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("mcp:tools", json(ok).get("scope").asText());
    }

    @Test
    void tokenWhenRefreshTokenOfAnotherClientThenInvalidGrantAndNothingChanges() throws Exception {
        String r1 = json(redeem(f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-other"))).get("refresh_token").asText();
        assertError(f.postForm(TOKEN, "grant_type=refresh_token&client_id=other-client&refresh_token=" + enc(r1)), 400,
                "invalid_grant");
        assertEquals(200, refresh(r1, "").statusCode());
    }

    @Test
    void tokenWhenConfidentialClientAuthenticatesThenOkAndWrongSecretIsInvalidClient() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((BASIC_CLIENT + ":" + SECRET).getBytes());
        String code = f.issueCode(f.alpha, BASIC_CLIENT, "oid-basic");
        String form = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT)
                + "&code_verifier=" + VERIFIER;
        String wrong = "Basic " + Base64.getEncoder().encodeToString((BASIC_CLIENT + ":nope").getBytes());
        HttpResponse<String> bad = f.postForm(TOKEN, form, "Authorization", wrong);
        assertError(bad, 401, "invalid_client");
        assertTrue(bad.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
        assertError(f.postForm(TOKEN, form + "&client_id=" + BASIC_CLIENT + "&client_secret=" + SECRET), 401,
                "invalid_client");
        assertEquals(200, f.postForm(TOKEN, form, "Authorization", basic).statusCode());

        String postCode = f.issueCode(f.alpha, POST_CLIENT, "oid-post");
        String postForm = "grant_type=authorization_code&code=" + enc(postCode) + "&redirect_uri=" + enc(REDIRECT)
                + "&code_verifier=" + VERIFIER + "&client_id=" + POST_CLIENT;
        assertError(f.postForm(TOKEN, postForm + "&client_secret=wrong"), 401, "invalid_client");
        assertEquals(200, f.postForm(TOKEN, postForm + "&client_secret=" + SECRET).statusCode());
    }

    @Test
    void tokenWhenBadRequestShapeThenPreciseErrors() throws Exception {
        assertError(f.postForm(TOKEN, "grant_type=password&client_id=" + PUBLIC_CLIENT), 400, "unsupported_grant_type");
        assertError(f.postForm(TOKEN, "client_id=" + PUBLIC_CLIENT), 400, "invalid_request");
        assertError(f.postForm(TOKEN, "grant_type=refresh_token&client_id=nobody&refresh_token=x"), 401, "invalid_client");
        assertError(f.postForm(TOKEN, "grant_type=refresh_token&grant_type=refresh_token&client_id=" + PUBLIC_CLIENT),
                400, "invalid_request");
        HttpResponse<String> json = f.send(java.net.http.HttpRequest.newBuilder(f.uri(TOKEN))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
        assertError(json, 415, "invalid_request");
        assertError(f.postForm(TOKEN, "grant_type=refresh_token&client_id=" + PUBLIC_CLIENT + "&pad=" + "a".repeat(17000)),
                413, "invalid_request");
        assertEquals(404, f.postForm("/t/open/oauth2/token", "grant_type=refresh_token").statusCode());
        assertEquals(404, f.postForm("/t/nosuch/oauth2/token", "grant_type=refresh_token").statusCode());
    }

    @Test
    void purgeWhenCodesExpiredOverADayAgoThenDeletedAndLiveRefreshTokensKept() throws Exception {
        redeem(f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-purge"));
        assertEquals(1, f.count("select count(*) from authorization_codes where user_oid = 'oid-purge'"));

        f.routes.purgeExpired(f.clock.instant());
        assertEquals(1, f.count("select count(*) from authorization_codes where user_oid = 'oid-purge'"),
                "a redeemed code is kept a day past its expiry to recognise late replays");

        f.routes.purgeExpired(f.clock.instant().plus(java.time.Duration.ofDays(2)));
        assertEquals(0, f.count("select count(*) from authorization_codes where user_oid = 'oid-purge'"));
        assertEquals(1, f.count("select count(*) from refresh_tokens where user_oid = 'oid-purge'"));
    }

    @Test
    void revokeWhenRefreshTokenThenFamilyRevokedAndUnknownTokensGet200() throws Exception {
        JsonNode tokens = json(redeem(f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-revoke")));
        String refreshToken = tokens.get("refresh_token").asText();
        String access = tokens.get("access_token").asText();
        assertEquals(200, f.postForm("/t/alpha/oauth2/revoke", "client_id=" + PUBLIC_CLIENT + "&token=unknown")
                .statusCode());
        assertEquals(200, f.postForm("/t/alpha/oauth2/revoke", "client_id=" + PUBLIC_CLIENT + "&token="
                + enc(refreshToken) + "&token_type_hint=refresh_token").statusCode());
        assertError(refresh(refreshToken, ""), 400, "invalid_grant");
        assertEquals(401, f.callWhoAmI("alpha", "Bearer " + access).statusCode());
    }

    @Test
    void revokeWhenAccessTokenThenDeniedAtMcpEndpoint() throws Exception {
        String access = json(redeem(f.issueCode(f.alpha, PUBLIC_CLIENT, "oid-revoke-at"))).get("access_token").asText();
        assertEquals(200, f.callWhoAmI("alpha", "Bearer " + access).statusCode());
        assertEquals(200, f.postForm("/t/alpha/oauth2/revoke", "client_id=" + PUBLIC_CLIENT + "&token=" + access)
                .statusCode());
        HttpResponse<String> after = f.callWhoAmI("alpha", "Bearer " + access);
        assertEquals(401, after.statusCode());
        assertTrue(after.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
        assertFalse(after.body().contains(access));
    }

    private static <T> List<T> parallel(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> fu : futures) {
                results.add(fu.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
