package io.mcpplatform.server.oauth.authorize;

import io.mcpplatform.server.oauth.clients.ClientMetadataDocument;
import io.mcpplatform.server.oauth.clients.OpaqueValues;
import io.mcpplatform.server.oauth.codes.CodeGrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The authorization front over real HTTP and a real PostgreSQL: happy paths and every refusal. */
class OAuthFrontRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REDIRECT = "http://127.0.0.1:33418/callback";
    private static final String VERIFIER = OpaqueValues.random();
    private static final String CHALLENGE = OpaqueValues.s256(VERIFIER);
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern REQUEST = Pattern.compile("name=\"request\" value=\"([^\"]+)\"");

    private static OAuthFrontFixture f;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        f = new OAuthFrontFixture(OAuthFrontSettings.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    // ---------------------------------------------------------------- registration

    /** The audit events recorded for this client: action and details, in order. */
    private static List<String> audited(String client) {
        return f.audited.stream().filter(e -> client.equals(e.clientId()))
                .map(e -> e.action() + " " + e.actorOid() + " " + e.detail()).toList();
    }

    @Test
    void registerWhenValidPublicClientThen201WithClientInformationAndNoStore() throws Exception {
        HttpResponse<String> res = register("acme", """
                {"client_name":"VS Code","redirect_uris":["http://127.0.0.1:33418/callback","https://vscode.dev/redirect"],
                 "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
                 "token_endpoint_auth_method":"none"}""");
        assertEquals(201, res.statusCode(), res.body());
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElse(""));
        JsonNode body = JSON.readTree(res.body());
        assertTrue(body.get("client_id").asText().startsWith("mcp-"));
        assertEquals("none", body.get("token_endpoint_auth_method").asText());
        assertFalse(body.has("client_secret"));
        assertEquals(2, body.get("redirect_uris").size());
        assertTrue(f.registry.find(f.acme, body.get("client_id").asText()).isPresent());
    }

    @Test
    void registerWhenConfidentialThenSecretReturnedOnceAndOnlyItsHashStored() throws Exception {
        HttpResponse<String> res = register("acme", """
                {"client_name":"Agent","redirect_uris":["https://claude.ai/api/mcp/auth_callback"],
                 "token_endpoint_auth_method":"client_secret_post"}""");
        assertEquals(201, res.statusCode(), res.body());
        JsonNode body = JSON.readTree(res.body());
        String secret = body.get("client_secret").asText();
        assertEquals(0, body.get("client_secret_expires_at").asInt());
        var client = f.registry.find(f.acme, body.get("client_id").asText()).orElseThrow();
        assertTrue(f.registry.secretMatches(client, secret));
        assertFalse(f.registry.secretMatches(client, secret + "x"));
        assertEquals(0, f.count("select count(*) from oauth_clients where client_secret_hash = '" + secret
                + "' or metadata::text like '%" + secret + "%'"));
    }

    @Test
    void registerWhenDynamicRegistrationOffThen404AndNothingStored() throws Exception {
        long before = f.count("select count(*) from oauth_clients");
        HttpResponse<String> res = register("closed", "{\"redirect_uris\":[\"" + REDIRECT + "\"]}");
        assertEquals(404, res.statusCode());
        assertEquals("invalid_request", JSON.readTree(res.body()).get("error").asText());
        assertEquals(404, register("open", "{\"redirect_uris\":[\"" + REDIRECT + "\"]}").statusCode());
        assertEquals(404, register("nosuch", "{\"redirect_uris\":[\"" + REDIRECT + "\"]}").statusCode());
        assertEquals(before, f.count("select count(*) from oauth_clients"));
    }

    @Test
    void registerWhenAnyFieldInvalidThenErrorNamesFieldAndNothingStored() throws Exception {
        String ok = "\"redirect_uris\":[\"" + REDIRECT + "\"]";
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("{}", new String[]{"invalid_redirect_uri", "redirect_uris"});
        cases.put("{\"redirect_uris\":[]}", new String[]{"invalid_redirect_uri", "redirect_uris"});
        cases.put("{\"redirect_uris\":\"" + REDIRECT + "\"}", new String[]{"invalid_redirect_uri", "redirect_uris"});
        cases.put("{\"redirect_uris\":[\"javascript:alert(1)\"]}", new String[]{"invalid_redirect_uri", "redirect_uris[0]"});
        cases.put("{\"redirect_uris\":[\"" + REDIRECT + "\",\"data:text/html,x\"]}", new String[]{"invalid_redirect_uri", "redirect_uris[1]"});
        cases.put("{\"redirect_uris\":[\"http://example.com/cb\"]}", new String[]{"invalid_redirect_uri", "redirect_uris[0]"});
        cases.put("{\"redirect_uris\":[\"https://a.example/cb#f\"]}", new String[]{"invalid_redirect_uri", "redirect_uris[0]"});
        cases.put("{\"redirect_uris\":[\"https://u@a.example/cb\"]}", new String[]{"invalid_redirect_uri", "redirect_uris[0]"});
        cases.put("{\"redirect_uris\":[\"https://not-allowed.example/cb\"]}", new String[]{"invalid_redirect_uri", "allow-list"});
        cases.put("{\"redirect_uris\":[\"https://vscode.dev/redirect" + "x".repeat(2000) + "\"]}", new String[]{"invalid_redirect_uri", "2000"});
        cases.put("{\"redirect_uris\":[" + "\"http://127.0.0.1:1/cb\",".repeat(10) + "\"http://127.0.0.1:2/cb\"]}", new String[]{"invalid_redirect_uri", "at most 10"});
        cases.put("{" + ok + ",\"token_endpoint_auth_method\":\"private_key_jwt\"}", new String[]{"invalid_client_metadata", "token_endpoint_auth_method"});
        cases.put("{" + ok + ",\"grant_types\":[\"client_credentials\"]}", new String[]{"invalid_client_metadata", "grant_types"});
        cases.put("{" + ok + ",\"grant_types\":[\"refresh_token\"]}", new String[]{"invalid_client_metadata", "grant_types"});
        cases.put("{" + ok + ",\"response_types\":[\"token\"]}", new String[]{"invalid_client_metadata", "response_types"});
        cases.put("{" + ok + ",\"client_name\":\"" + "n".repeat(201) + "\"}", new String[]{"invalid_client_metadata", "client_name"});
        cases.put("{" + ok + ",\"client_name\":42}", new String[]{"invalid_client_metadata", "client_name"});
        cases.put("{" + ok + ",\"client_name\":\"a\\nb\"}", new String[]{"invalid_client_metadata", "client_name"});
        cases.put("{" + ok + ",\"scope\":\"mcp:tools admin\"}", new String[]{"invalid_client_metadata", "scope"});
        cases.put("{" + ok + ",\"logo_uri\":\"http://x.example/l.png\"}", new String[]{"invalid_client_metadata", "logo_uri"});
        cases.put("[1,2]", new String[]{"invalid_client_metadata", "JSON object"});
        cases.put("{\"redirect_uris\":", new String[]{"invalid_client_metadata", "JSON"});
        long before = f.count("select count(*) from oauth_clients");
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            HttpResponse<String> res = register("acme", c.getKey());
            assertEquals(400, res.statusCode(), c.getKey());
            JsonNode body = JSON.readTree(res.body());
            assertEquals(c.getValue()[0], body.get("error").asText(), c.getKey());
            assertTrue(body.get("error_description").asText().contains(c.getValue()[1]), c.getKey() + " -> " + res.body());
            assertEquals("no-store", res.headers().firstValue("Cache-Control").orElse(""));
        }
        assertEquals(before, f.count("select count(*) from oauth_clients"));
    }

    @Test
    void registerWhenBodyTooLargeThen413AndNothingStored() throws Exception {
        long before = f.count("select count(*) from oauth_clients");
        HttpResponse<String> res = register("acme", "{\"redirect_uris\":[\"" + REDIRECT + "\"],\"software_id\":\""
                + "x".repeat(17_000) + "\"}");
        assertEquals(413, res.statusCode());
        assertEquals(before, f.count("select count(*) from oauth_clients"));
    }

    @Test
    void registerWhenNotJsonContentTypeThen415() throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(f.local("/t/acme/oauth2/register"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, res.statusCode());
    }

    // ---------------------------------------------------------------- authorize

    @Test
    void authorizeWhenValidThenRedirectsToEntraWithPlatformChallengeAndNoResource() throws Exception {
        String client = registerClient("VS Code");
        HttpResponse<String> res = get(authorizeUrl(client, REDIRECT, "client-state", CHALLENGE, f.urls.mcp("acme")));
        assertEquals(302, res.statusCode(), res.body());
        URI entra = URI.create(res.headers().firstValue("Location").orElseThrow());
        assertEquals("login.example.test", entra.getHost());
        Map<String, String> q = query(entra);
        assertFalse(q.containsKey("resource"), "the client's resource must not reach Entra");
        assertNotEquals(CHALLENGE, q.get("code_challenge"), "the platform uses its own PKCE");
        assertEquals("S256", q.get("code_challenge_method"));
        assertNotEquals("client-state", q.get("state"));
        assertEquals(f.urls.oauth("acme", "callback"), q.get("redirect_uri"));
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(1, f.count("select count(*) from pending_authorizations where client_id = '" + client
                + "' and state = 'client-state' and position('" + q.get("state") + "' in entra_state_hash) = 0"));
    }

    @Test
    void authorizeWhenClientUnknownOrRedirectInvalidThenHtmlPageAndNoLocation() throws Exception {
        String client = registerClient("App");
        List<String> bad = List.of("http://127.0.0.1:33418/callback/", "http://127.0.0.1:33418/callback?x=1",
                "https://127.0.0.1:33418/callback", "http://127.0.0.1:33418/../callback", "javascript:alert(1)",
                "http://evil@127.0.0.1:33418/callback", "https://evil.example/callback");
        long before = f.count("select count(*) from pending_authorizations");
        for (String redirect : bad) {
            HttpResponse<String> res = get(authorizeUrl(client, redirect, "s", CHALLENGE, f.urls.mcp("acme")));
            assertEquals(400, res.statusCode(), redirect);
            assertTrue(res.headers().firstValue("Location").isEmpty(), redirect);
            assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertEquals("DENY", res.headers().firstValue("X-Frame-Options").orElse(""));
        }
        HttpResponse<String> unknown = get(authorizeUrl("mcp-unknown", REDIRECT, "s", CHALLENGE, f.urls.mcp("acme")));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.headers().firstValue("Location").isEmpty());
        HttpResponse<String> missing = get("/t/acme/oauth2/authorize?client_id=" + client + "&response_type=code");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.headers().firstValue("Location").isEmpty());
        assertEquals(before, f.count("select count(*) from pending_authorizations"));
    }

    @Test
    void authorizeWhenPkceMissingOrPlainThenInvalidRequestRedirectWithStateAndIss() throws Exception {
        String client = registerClient("App");
        String base = "/t/acme/oauth2/authorize?response_type=code&client_id=" + client + "&redirect_uri="
                + enc(REDIRECT) + "&state=st&resource=" + enc(f.urls.mcp("acme"));
        for (String pkce : List.of("", "&code_challenge=" + CHALLENGE, "&code_challenge=" + CHALLENGE
                + "&code_challenge_method=plain", "&code_challenge_method=S256", "&code_challenge=short&code_challenge_method=S256")) {
            Map<String, String> q = clientRedirect(get(base + pkce));
            assertEquals("invalid_request", q.get("error"), pkce);
            assertEquals("st", q.get("state"));
            assertEquals(f.urls.issuer("acme"), q.get("iss"));
        }
    }

    @Test
    void authorizeWhenResourceWrongThenInvalidTarget() throws Exception {
        String client = registerClient("App");
        for (String resource : List.of(f.urls.mcp("closed"), f.urls.mcp("acme") + "/", "https://evil.example/mcp",
                f.urls.issuer("acme"))) {
            Map<String, String> q = clientRedirect(get(authorizeUrl(client, REDIRECT, "st", CHALLENGE, resource)));
            assertEquals("invalid_target", q.get("error"), resource);
            assertEquals("st", q.get("state"));
        }
        Map<String, String> missing = clientRedirect(get(authorizeUrl(client, REDIRECT, "st", CHALLENGE, null)));
        assertEquals("invalid_request", missing.get("error"));
    }

    @Test
    void authorizeWhenScopeUnknownThenInvalidScopeAndWhenResponseTypeTokenThenUnsupported() throws Exception {
        String client = registerClient("App");
        Map<String, String> q = clientRedirect(get(authorizeUrl(client, REDIRECT, "st", CHALLENGE, f.urls.mcp("acme"))
                + "&scope=" + enc("mcp:tools admin")));
        assertEquals("invalid_scope", q.get("error"));
        String token = authorizeUrl(client, REDIRECT, "st", CHALLENGE, f.urls.mcp("acme")).replace("response_type=code",
                "response_type=token");
        assertEquals("unsupported_response_type", clientRedirect(get(token)).get("error"));
    }

    @Test
    void authorizeWhenTenantUnknownOrWithoutSignInThen404() throws Exception {
        assertEquals(404, get("/t/nosuch/oauth2/authorize?client_id=x").statusCode());
        assertEquals(404, get("/t/open/oauth2/authorize?client_id=x").statusCode());
    }

    // ---------------------------------------------------------------- callback and consent

    @Test
    void callbackWhenFirstSignInThenConsentPageShowsEscapedClientNameUserTenantAndHost() throws Exception {
        String client = registerClient("<script>alert(1)</script>");
        Consent c = signInToConsent(client, "st-1");
        assertEquals(200, c.page.statusCode(), c.page.body());
        String html = c.page.body();
        assertFalse(html.contains("<script>"), "client name must be escaped");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("Alice &lt;Admin&gt;") && html.contains("alice@contoso.example"));
        assertTrue(html.contains("ACME &lt;Corp&gt;"));
        assertTrue(html.contains("127.0.0.1:33418"));
        assertTrue(html.contains("has not been") && html.contains("verified"));
        assertTrue(html.contains("mcp:tools"));
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:33418;"
                        + " frame-ancestors 'none'",
                c.page.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals(1, c.page.headers().allValues("Content-Security-Policy").size());
        assertEquals("DENY", c.page.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("no-store", c.page.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("same-origin", c.page.headers().firstValue("Referrer-Policy").orElse(""));
        assertTrue(c.cookie.startsWith("__Host-mcp-consent-"));
        assertTrue(f.codes.issued.values().stream().noneMatch(g -> g.clientId().equals(client)));
    }

    @Test
    void consentPostWithoutCsrfThen400AndWithWrongCsrfThen403AndNothingIssued() throws Exception {
        String client = registerClient("App");
        Consent c = signInToConsent(client, "st");
        assertEquals(400, postConsent(c.cookie, "request=" + c.requestId + "&decision=approve").statusCode());
        assertEquals(400, postConsent(null, "request=" + c.requestId + "&csrf=" + c.csrf + "&decision=approve").statusCode());
        assertEquals(403, postConsent(c.cookie, "request=" + c.requestId + "&csrf=" + OpaqueValues.random()
                + "&decision=approve").statusCode());
        String forged = c.cookie.substring(0, c.cookie.indexOf('=') + 1) + "forged";
        assertEquals(403, postConsent(forged, "request=" + c.requestId + "&csrf=forged&decision=approve").statusCode());
        assertTrue(f.codes.issued.values().stream().noneMatch(g -> g.clientId().equals(client)));
        assertEquals(0, f.count("select count(*) from consents where client_id = '" + client + "'"));
        // the genuine form still works afterwards
        assertEquals(303, postConsent(c.cookie, c.form("approve")).statusCode());
    }

    @Test
    void consentApproveThenCodeIssuedWithGrantAndRedirectCarriesCodeStateIss() throws Exception {
        String client = registerClient("App");
        Consent c = signInToConsent(client, "state with spaces & symbols");
        HttpResponse<String> res = postConsent(c.cookie, c.form("approve"));
        assertEquals(303, res.statusCode(), res.body());
        Map<String, String> q = clientRedirect(res);
        assertEquals("state with spaces & symbols", q.get("state"));
        assertEquals(f.urls.issuer("acme"), q.get("iss"));
        CodeGrant grant = f.codes.issued.get(q.get("code"));
        assertEquals(f.acme.id(), grant.tenantId());
        assertEquals(client, grant.clientId());
        assertEquals(REDIRECT, grant.redirectUri());
        assertEquals(CHALLENGE, grant.codeChallenge());
        assertEquals(Set.of("mcp:tools"), grant.scopes());
        assertEquals(f.urls.mcp("acme"), grant.resource());
        assertEquals(OAuthFrontFixture.ENTRA_TID, grant.tid());
        assertEquals("oid-alice", grant.oid());
        assertEquals("alice@contoso.example", grant.username());
        assertEquals("entra-access-oid-alice", f.upstream.rows.get(grant.upstreamTokenId()).tokens().accessToken());
        assertTrue(grant.expiresAt().isAfter(java.time.Instant.now().plusSeconds(50)));
        assertTrue(res.headers().allValues("Set-Cookie").stream().anyMatch(h -> h.contains("Max-Age=0")));
        // the pending authorization is used up: a second POST issues nothing
        int issued = f.codes.issued.size();
        assertEquals(400, postConsent(c.cookie, c.form("approve")).statusCode());
        assertEquals(issued, f.codes.issued.size());
        assertEquals(List.of("oauth.sign_in.completed oid-alice {}",
                "oauth.consent.granted oid-alice {scopes=[mcp:tools]}",
                "oauth.code.issued oid-alice {scopes=[mcp:tools]}"), audited(client));
    }

    @Test
    void authorizeWhenConsentRememberedThenCodeWithoutConsentPageUntilRevoked() throws Exception {
        String client = registerClient("App");
        Consent c = signInToConsent(client, "one");
        assertEquals(303, postConsent(c.cookie, c.form("approve")).statusCode());

        HttpResponse<String> second = callback(entraState(client, "two"));
        assertEquals(302, second.statusCode(), second.body());
        Map<String, String> q = clientRedirect(second);
        assertEquals("two", q.get("state"));
        assertEquals(client, f.codes.issued.get(q.get("code")).clientId());

        assertTrue(f.consents.revoke(f.acme.id(), "oid-alice", client, java.time.Instant.now()));
        HttpResponse<String> third = callback(entraState(client, "three"));
        assertEquals(303, third.statusCode());
        assertTrue(third.headers().firstValue("Location").orElseThrow().contains("/oauth2/consent?request="));
    }

    @Test
    void consentDenyThenAccessDeniedWithStateAndIssAndNoConsentStored() throws Exception {
        String client = registerClient("App");
        Consent c = signInToConsent(client, "st");
        HttpResponse<String> res = postConsent(c.cookie, c.form("deny"));
        assertEquals(303, res.statusCode());
        Map<String, String> q = clientRedirect(res);
        assertEquals("access_denied", q.get("error"));
        assertEquals("st", q.get("state"));
        assertEquals(f.urls.issuer("acme"), q.get("iss"));
        assertFalse(q.containsKey("code"));
        assertEquals(0, f.count("select count(*) from consents where client_id = '" + client + "'"));
        assertEquals(List.of("oauth.sign_in.completed oid-alice {}",
                "oauth.consent.denied oid-alice {scopes=[mcp:tools]}"), audited(client));
    }

    @Test
    void consentWhenTwentyParallelApprovalsThenExactlyOneCode() throws Exception {
        String client = registerClient("App");
        Consent c = signInToConsent(client, "st");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> postConsent(c.cookie, c.form("approve")).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> fut : pool.invokeAll(calls)) {
                statuses.add(fut.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 303).count(), statuses.toString());
            assertEquals(19, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, f.codes.issued.values().stream().filter(g -> g.clientId().equals(client)).count());
    }

    @Test
    void consentPageWhenOpenedWithoutCookieThen403() throws Exception {
        String client = registerClient("App");
        Consent c = signInToConsent(client, "st");
        HttpResponse<String> res = get("/t/acme/oauth2/consent?request=" + c.requestId);
        assertEquals(403, res.statusCode());
        assertFalse(res.body().contains(c.csrf));
    }

    @Test
    void callbackWhenStateReusedUnknownOrMissingThenErrorPageAndNothingIssued() throws Exception {
        String client = registerClient("App");
        String state = entraState(client, "st");
        assertEquals(303, callback(state).statusCode());
        int issued = f.codes.issued.size();
        HttpResponse<String> reused = callback(state);
        assertEquals(400, reused.statusCode());
        assertTrue(reused.headers().firstValue("Location").isEmpty());
        assertEquals(400, callback(OpaqueValues.random()).statusCode());
        assertEquals(400, get("/t/acme/oauth2/callback?code=ok:x").statusCode());
        // a state of tenant acme presented at another tenant is unknown there
        String other = entraState(client, "st2");
        assertEquals(400, get("/t/closed/oauth2/callback?code=ok:" + enc(other) + "&state=" + enc(other)).statusCode());
        assertEquals(404, get("/t/open/oauth2/callback?code=ok:" + enc(other) + "&state=" + enc(other)).statusCode());
        assertEquals(issued, f.codes.issued.size());
        assertEquals(303, callback(other).statusCode(), "the other tenant's attempt did not use the state up");
    }

    @Test
    void callbackWhenEntraSendsErrorThenAccessDeniedToClient() throws Exception {
        String client = registerClient("App");
        String state = entraState(client, "st");
        HttpResponse<String> res = get("/t/acme/oauth2/callback?error=access_denied&error_description=nope&state="
                + enc(state));
        Map<String, String> q = clientRedirect(res);
        assertEquals("access_denied", q.get("error"));
        assertEquals("st", q.get("state"));
        assertEquals(f.urls.issuer("acme"), q.get("iss"));
        assertEquals(400, callback(state).statusCode(), "the pending authorization is used up");
        assertEquals(List.of("oauth.sign_in.failed null {error=access_denied, reason=entra_error,"
                + " entra_error=access_denied}"), audited(client));
    }

    @Test
    void callbackWhenEntraConsentMissingThenConsentRequiredAndWhenCodeWrongThenServerError() throws Exception {
        String client = registerClient("App");
        String state = entraState(client, "st");
        HttpResponse<String> res = get("/t/acme/oauth2/callback?code=" + enc("consent-missing:" + state) + "&state="
                + enc(state));
        assertEquals("consent_required", clientRedirect(res).get("error"));
        String state2 = entraState(client, "st2");
        HttpResponse<String> wrong = get("/t/acme/oauth2/callback?code=" + enc("ok:someone-else") + "&state=" + enc(state2));
        assertEquals("server_error", clientRedirect(wrong).get("error"));
        List<String> events = audited(client);
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("oauth.sign_in.failed null {error=consent_required, reason=code_refused,"
                + " entra_error=aadsts65001"), events.toString());
        assertTrue(events.get(1).startsWith("oauth.sign_in.failed null {error=server_error, reason=code_refused"),
                events.toString());
        assertFalse(events.toString().contains(state) || events.toString().contains(state2), events.toString());
    }

    @Test
    void authorizeWhenMetadataDocumentClientThenNameVerifiedAndRedirectChecked() throws Exception {
        String clientId = "https://client.example.org/oauth/metadata.json";
        f.documents.put(URI.create(clientId), new ClientMetadataDocument(clientId, "Example Client",
                List.of(REDIRECT), Optional.of("none"), List.of("authorization_code"), List.of("code"),
                Optional.empty(), Optional.empty()));
        Consent c = signInToConsent(clientId, "st");
        assertEquals(200, c.page.statusCode(), c.page.body());
        assertFalse(c.page.body().contains("has not been"));
        assertTrue(c.page.body().contains(clientId));

        String spoofed = "https://client.example.org/oauth/spoofed.json";
        f.documents.put(URI.create(spoofed), new ClientMetadataDocument("https://other.example/x", "Spoof",
                List.of(REDIRECT), Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty()));
        assertEquals(400, get(authorizeUrl(spoofed, REDIRECT, "s", CHALLENGE, f.urls.mcp("acme"))).statusCode());
        String secretClient = "https://client.example.org/oauth/confidential.json";
        f.documents.put(URI.create(secretClient), new ClientMetadataDocument(secretClient, "Conf",
                List.of(REDIRECT), Optional.of("private_key_jwt"), List.of(), List.of(), Optional.empty(), Optional.empty()));
        assertEquals(400, get(authorizeUrl(secretClient, REDIRECT, "s", CHALLENGE, f.urls.mcp("acme"))).statusCode());
    }

    @Test
    void consentsWhenReadWithoutOrWithAnotherUserThenInvisibleByRowLevelSecurity() throws Exception {
        java.util.UUID tenant = f.acme.id();
        f.consents.grant(tenant, "oid-rls", "client-rls", List.of("mcp:tools"), java.time.Instant.now());
        assertTrue(f.consents.covers(tenant, "oid-rls", "client-rls", List.of("mcp:tools")));
        assertFalse(f.consents.covers(tenant, "oid-other", "client-rls", List.of("mcp:tools")));
        assertFalse(f.consents.revoke(tenant, "oid-other", "client-rls", java.time.Instant.now()));
        try (var c = f.pg.app(f.db); var st = c.createStatement(); var rs = st.executeQuery("select count(*) from consents")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "the application role sees no consent without app.user_oid");
        }
        assertEquals(1, f.count("select count(*) from consents where client_id = 'client-rls' and revoked_at is null"));
    }

    // ---------------------------------------------------------------- helpers

    /** A consent page as the browser sees it. */
    record Consent(HttpResponse<String> page, String cookie, String csrf, String requestId) {
        String form(String decision) {
            return "request=" + requestId + "&csrf=" + enc(csrf) + "&decision=" + decision;
        }
    }

    private Consent signInToConsent(String client, String clientState) throws Exception {
        HttpResponse<String> cb = callback(entraState(client, clientState));
        assertEquals(303, cb.statusCode(), cb.body());
        String setCookie = cb.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Secure"),
                setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        URI consent = URI.create(cb.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(f.local(consent)).header("Cookie", cookie).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        Matcher request = REQUEST.matcher(page.body());
        return new Consent(page, cookie, csrf.find() ? csrf.group(1) : "", request.find() ? request.group(1) : "");
    }

    /** Runs /authorize and returns the state the platform sent to Entra. */
    private String entraState(String client, String clientState) throws Exception {
        HttpResponse<String> res = get(authorizeUrl(client, REDIRECT, clientState, CHALLENGE, f.urls.mcp("acme")));
        assertEquals(302, res.statusCode(), res.body());
        return query(URI.create(res.headers().firstValue("Location").orElseThrow())).get("state");
    }

    private HttpResponse<String> callback(String entraState) throws Exception {
        return get("/t/acme/oauth2/callback?code=" + enc("ok:" + entraState) + "&state=" + enc(entraState)
                + "&session_state=x");
    }

    private HttpResponse<String> postConsent(String cookie, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(f.local("/t/acme/oauth2/consent"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String registerClient(String name) throws Exception {
        HttpResponse<String> res = register("acme", JSON.createObjectNode().put("client_name", name)
                .set("redirect_uris", JSON.createArrayNode().add(REDIRECT)).toString());
        assertEquals(201, res.statusCode(), res.body());
        return JSON.readTree(res.body()).get("client_id").asText();
    }

    private static HttpResponse<String> register(String tenant, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(f.local("/t/" + tenant + "/oauth2/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String authorizeUrl(String client, String redirect, String state, String challenge, String resource) {
        return "/t/acme/oauth2/authorize?response_type=code&client_id=" + enc(client) + "&redirect_uri=" + enc(redirect)
                + "&state=" + enc(state) + "&code_challenge=" + challenge + "&code_challenge_method=S256"
                + (resource == null ? "" : "&resource=" + enc(resource));
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(f.local(pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts a redirect to the client's redirect URI and returns its query parameters. */
    private static Map<String, String> clientRedirect(HttpResponse<String> res) {
        assertTrue(res.statusCode() == 302 || res.statusCode() == 303, res.statusCode() + " " + res.body());
        String location = res.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(REDIRECT + "?"), location);
        return query(URI.create(location));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
