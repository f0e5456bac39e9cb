package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.server.audit.AuditActions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail of real sign-ins, read back through the admin API: the official MCP TypeScript SDK signs Alice in
 * (consent approved), calls a tool, then the test refreshes, revokes and replays her tokens as a client would; Bob
 * denies consent; a sign-in is cancelled at Entra. Every event appears exactly once with the right actor and client,
 * the filters and paging of {@code GET /admin/v1/tenants/{slug}/audit} find them, and no entry contains anything the
 * clients received.
 */
class AuditTrailEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = DemoDirectories.ALICE.oid();
    private static final String BOB = DemoDirectories.BOB.oid();

    @TempDir
    static Path dir;
    static RunningPlatform running;
    static Instant started;
    static Instant finished;
    /** Everything the clients received: tokens and the authorization code. */
    static final List<String> secrets = new ArrayList<>();
    static String aliceClient;
    static String bobClient;
    static String refreshedJti;

    @BeforeAll
    static void signInsHappen() throws Exception {
        running = RunningPlatform.start(dir);
        started = Instant.now();
        Path tokensFile = dir.resolve("alice-tokens.json");
        JsonNode alice = sdk("alice", DemoDirectories.ALICE.username(), "--tool", "signed_in_user",
                "--tokens-out", tokensFile.toString()).ok();
        aliceClient = alice.path("client_id").asText();
        JsonNode received = JSON.readTree(Files.readString(tokensFile));
        String access = received.path("access_token").asText();
        String refresh = received.path("refresh_token").asText();
        secrets.addAll(List.of(access, refresh, received.path("code").asText()));

        HttpResponse<String> refreshed = oauth("token", form("grant_type", "refresh_token", "refresh_token", refresh,
                "client_id", aliceClient));
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        JsonNode second = JSON.readTree(refreshed.body());
        String access2 = second.path("access_token").asText();
        secrets.addAll(List.of(access2, second.path("refresh_token").asText()));
        refreshedJti = jti(access2);
        assertEquals(200, oauth("revoke", form("token", access2, "token_type_hint", "access_token",
                "client_id", aliceClient)).statusCode());
        HttpResponse<String> replay = oauth("token", form("grant_type", "refresh_token", "refresh_token", refresh,
                "client_id", aliceClient));
        assertEquals(400, replay.statusCode(), replay.body());

        cancelledAtEntra(aliceClient);

        JsonNode bob = sdk("bob", DemoDirectories.BOB.username(), "--deny").ok();
        assertEquals("access_denied", bob.path("error").asText());
        bobClient = bob.path("client_id").asText();
        running.platform.flushAudit();
        finished = Instant.now();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    private static NodeTools.Result sdk(String name, String user, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--url", running.platform.mcpUrl("demo").toString(),
                "--user", user, "--entra-host", running.entraHost(), "--verbose"));
        args.addAll(List.of(extra));
        return NodeTools.run("oauth-client.mjs", "audit-" + name + ".log", args);
    }

    /** A sign-in the user cancels at Entra: Entra sends the browser back with {@code error=access_denied}. */
    private static void cancelledAtEntra(String clientId) throws Exception {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                .getInstance("SHA-256").digest("a-verifier-of-forty-three-characters-at-least".getBytes()));
        HttpResponse<String> toEntra = running.get(running.publicUrl("/t/demo/oauth2/authorize?" + form(
                "response_type", "code", "client_id", clientId, "redirect_uri", "http://127.0.0.1:53682/callback",
                "code_challenge", challenge, "code_challenge_method", "S256", "state", "client-state",
                "scope", "mcp:tools", "resource", running.platform.mcpUrl("demo").toString())));
        assertEquals(302, toEntra.statusCode(), toEntra.body());
        String entraState = query(URI.create(toEntra.headers().firstValue("Location").orElseThrow())).get("state");
        HttpResponse<String> back = running.get(running.publicUrl("/t/demo/oauth2/callback?" + form(
                "error", "access_denied", "error_description", "the user cancelled", "state", entraState)));
        assertEquals(302, back.statusCode(), back.body());
        assertEquals("access_denied", query(URI.create(back.headers().firstValue("Location").orElseThrow()))
                .get("error"));
    }

    // ---- the admin API ----

    private static JsonNode audit(String query) throws Exception {
        HttpResponse<String> res = running.send(HttpRequest.newBuilder(running.admin("/admin/v1/tenants/demo/audit"
                        + (query.isEmpty() ? "" : "?" + query)))
                .header("Authorization", "ApiKey " + RunningPlatform.ADMIN_KEY).GET().build());
        assertEquals(200, res.statusCode(), res.body());
        return JSON.readTree(res.body());
    }

    /** Every entry of the demo tenant between the first and the last step of this test, through paging. */
    private static List<JsonNode> everyEntry(int pageSize) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += pageSize) {
            JsonNode page = audit(form("from", started.toString(), "to", finished.toString(),
                    "limit", "" + pageSize, "offset", "" + offset));
            page.get("items").forEach(all::add);
            if (page.get("items").size() < pageSize) {
                return all;
            }
        }
    }

    private static List<JsonNode> entries(String action, String client) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        audit(form("action", action, "client", client, "from", started.toString(), "limit", "200")).get("items")
                .forEach(out::add);
        return out;
    }

    /** The one entry of this action for this client (fails on none or several). */
    private static JsonNode once(String action, String client, String actor) throws Exception {
        List<JsonNode> found = entries(action, client);
        assertEquals(1, found.size(), action + " for " + client + ": " + found);
        JsonNode e = found.getFirst();
        assertEquals(actor, e.get("actorOid").isNull() ? null : e.get("actorOid").asText(), action + ": " + e);
        assertEquals(client, e.get("clientId").asText(), action + ": " + e);
        assertEquals(action, e.get("action").asText());
        return e;
    }

    @Test
    void signInWhenCompletedByTheSdkThenEachEventOnceWithAliceAndHerClient() throws Exception {
        once(AuditActions.SIGN_IN_COMPLETED, aliceClient, ALICE);
        assertEquals(List.of("mcp:tools"), texts(once(AuditActions.CONSENT_GRANTED, aliceClient, ALICE)
                .at("/detail/scopes")));
        once(AuditActions.CODE_ISSUED, aliceClient, ALICE);
        JsonNode redeemed = once(AuditActions.CODE_REDEEMED, aliceClient, ALICE);
        assertEquals(36, redeemed.at("/detail/code_id").asText().length(), redeemed.toString());
        once(AuditActions.TOOL_CALL, aliceClient, ALICE);
        List<JsonNode> issued = entries(AuditActions.TOKEN_ISSUED, aliceClient);
        assertEquals(Set.of("authorization_code", "refresh_token"), grantTypes(issued));
        assertEquals(2, issued.size(), issued.toString());
        issued.forEach(e -> assertEquals(ALICE, e.get("actorOid").asText()));
    }

    @Test
    void tokensWhenRefreshedRevokedAndReplayedThenRotationRevocationAndReuseEachOnce() throws Exception {
        JsonNode rotated = once(AuditActions.REFRESH_ROTATED, aliceClient, ALICE);
        JsonNode replayed = once(AuditActions.REFRESH_REPLAYED, aliceClient, ALICE);
        assertEquals(rotated.at("/detail/family_id").asText(), replayed.at("/detail/family_id").asText());
        JsonNode revoked = once(AuditActions.TOKEN_REVOKED, aliceClient, ALICE);
        assertEquals("access_token", revoked.at("/detail/token_type").asText());
        assertTrue(revoked.at("/detail/revoked").asBoolean(), revoked.toString());
        assertEquals(refreshedJti, revoked.at("/detail/jti").asText());
        JsonNode byRefresh = entries(AuditActions.TOKEN_ISSUED, aliceClient).stream()
                .filter(e -> e.at("/detail/grant_type").asText().equals("refresh_token")).findFirst().orElseThrow();
        assertEquals(refreshedJti, byRefresh.at("/detail/jti").asText(), "the token is named by its jti only");
    }

    @Test
    void signInWhenCancelledAtEntraOrConsentDeniedThenFailureAndDenialOnce() throws Exception {
        JsonNode failed = once(AuditActions.SIGN_IN_FAILED, aliceClient, null);
        assertEquals("access_denied", failed.at("/detail/error").asText());
        assertEquals("access_denied", failed.at("/detail/entra_error").asText());
        once(AuditActions.SIGN_IN_COMPLETED, bobClient, BOB);
        once(AuditActions.CONSENT_DENIED, bobClient, BOB);
        assertEquals(List.of(), entries(AuditActions.CODE_ISSUED, bobClient), "a denied consent issues no code");
    }

    @Test
    void auditWhenFilteredByActorPrefixAndTimeThenOnlyMatchingEntries() throws Exception {
        JsonNode bobs = audit(form("actor", BOB, "from", started.toString()));
        assertEquals(Set.of(AuditActions.SIGN_IN_COMPLETED, AuditActions.CONSENT_DENIED), actions(bobs.get("items")));
        JsonNode refresh = audit(form("action", "oauth.refresh.*", "from", started.toString()));
        assertEquals(Set.of(AuditActions.REFRESH_ROTATED, AuditActions.REFRESH_REPLAYED), actions(refresh.get("items")));
        assertEquals(0, audit(form("to", started.toString(), "action", "oauth.*")).get("items").size(),
                "nothing of this test before it started");
        assertEquals(0, audit(form("from", finished.plusSeconds(1).toString())).get("items").size());
        HttpResponse<String> bad = running.send(HttpRequest.newBuilder(running.admin(
                "/admin/v1/tenants/demo/audit?from=yesterday")).header("Authorization", "ApiKey "
                + RunningPlatform.ADMIN_KEY).GET().build());
        assertEquals(400, bad.statusCode());
        assertEquals("from", JSON.readTree(bad.body()).get("field").asText());
    }

    @Test
    void auditWhenPagedThenPagesAreDisjointNewestFirstAndTogetherTheWholeLog() throws Exception {
        List<JsonNode> inOne = everyEntry(200);
        List<JsonNode> paged = everyEntry(3);
        // Alice: sign-in, consent, code issued and redeemed, two tokens, tool call, rotation, revocation, replay,
        // cancelled sign-in; Bob: sign-in, denial
        assertEquals(13, inOne.size(), "entries: " + actions(JSON.valueToTree(inOne)));
        assertEquals(ids(inOne), ids(paged));
        assertEquals(inOne.size(), new HashSet<>(ids(paged)).size(), "no entry on two pages");
        for (int i = 1; i < paged.size(); i++) {
            assertFalse(Instant.parse(paged.get(i).get("at").asText())
                    .isAfter(Instant.parse(paged.get(i - 1).get("at").asText())), "newest first");
        }
    }

    @Test
    void auditWhenScannedThenNoTokenOrCodeTheClientsReceivedAppears() throws Exception {
        assertEquals(5, secrets.size());
        secrets.forEach(s -> assertTrue(s.length() >= 32, "a real token or code: " + s.length()));
        List<String> bodies = new ArrayList<>();
        for (JsonNode e : everyEntry(200)) {
            bodies.add(e.toString());
        }
        HttpResponse<String> operatorView = running.send(HttpRequest.newBuilder(running.admin(
                "/admin/v1/audit?limit=200")).header("Authorization", "ApiKey " + RunningPlatform.ADMIN_KEY)
                .GET().build());
        bodies.add(operatorView.body());
        String stored = running.platform.database().inSession(s -> s.createNativeQuery(
                "select coalesce(string_agg(cast(detail as text) || coalesce(client_id, ''), ' '), '') from audit_log",
                String.class).getSingleResult());
        bodies.add(stored);
        for (String secret : secrets) {
            for (String body : bodies) {
                assertFalse(body.contains(secret), "a token the client received is in the audit log");
                assertFalse(body.contains(secret.substring(secret.length() - 20)), "part of a token is in the log");
            }
        }
    }

    @Test
    void openApiWhenReadThenAuditActionEnumIsTheVocabulary() throws Exception {
        JsonNode doc = JSON.readTree(running.get(running.admin("/admin/v1/openapi")).body());
        Set<String> documented = new TreeSet<>(texts(doc.at("/components/schemas/AuditEntry/properties/action/enum")));
        assertEquals(new TreeSet<>(AuditActions.ALL), documented);
    }

    // ---- helpers ----

    private static Set<String> actions(JsonNode items) {
        Set<String> out = new TreeSet<>();
        items.forEach(e -> out.add(e.get("action").asText()));
        return out;
    }

    private static Set<String> grantTypes(List<JsonNode> entries) {
        Set<String> out = new TreeSet<>();
        entries.forEach(e -> out.add(e.at("/detail/grant_type").asText()));
        return out;
    }

    private static List<String> ids(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("id").asText()).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String jti(String jwt) throws Exception {
        String payload = jwt.split("\\.")[1];
        return JSON.readTree(Base64.getUrlDecoder().decode(payload)).get("jti").asText();
    }

    private static HttpResponse<String> oauth(String endpoint, String body) {
        return running.send(HttpRequest.newBuilder(running.publicUrl("/t/demo/oauth2/" + endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(i == 0 ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
