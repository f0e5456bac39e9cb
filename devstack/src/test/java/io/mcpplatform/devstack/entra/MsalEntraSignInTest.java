package io.mcpplatform.devstack.entra;

import io.mcpplatform.server.entra.EntraConnection;
import io.mcpplatform.server.entra.EntraException;
import io.mcpplatform.server.entra.EntraTokens;
import io.mcpplatform.server.entra.signin.CredentialResolver;
import io.mcpplatform.server.entra.signin.MsalEntraSignIn;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform's sign-in at Entra, msal4j against the stand-in over real sockets. */
class MsalEntraSignInTest {
    static final String SECRET = "stand-in-secret-value";
    static final String FAILING_CLIENT = "0000aaaa-1111-4222-8333-444455556666";
    static final URI CALLBACK = URI.create("http://127.0.0.1:9/t/demo/oauth2/callback");
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path dir;
    EntraStandIn standIn;
    EntraConnection connection;

    @BeforeEach
    void start() {
        EntraStandIn.Builder b = EntraStandIn.builder().interactive(false)
                .clientSecret(DemoDirectories.DEMO_CLIENT_ID, SECRET);
        DemoDirectories.all().forEach(b::directory);
        standIn = b.build().start(0);
        connection = standIn.connection(Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void redeemWhenUserSignsInWithLoginHintThenTokensCarryHerIdentity() throws Exception {
        Path secretFile = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        Tenant tenant = tenant(DemoDirectories.DEMO_CLIENT_ID, "secret:file:" + secretFile);
        MsalEntraSignIn signIn = new MsalEntraSignIn(connection, new CredentialResolver(n -> null));

        EntraTokens tokens = signInAs(signIn, tenant, "bob@demo.example", "nonce-1");

        assertEquals(DemoDirectories.BOB.oid(), tokens.oid());
        assertEquals(DemoDirectories.DEMO_TID, tokens.tid());
        assertEquals("Bob Demo", tokens.name());
        assertEquals("bob@demo.example", tokens.username());
        assertFalse(tokens.refreshToken().isEmpty());
        assertTrue(tokens.expiresAt().isAfter(Instant.now()));
        assertTrue(tokens.scopes().contains("api://" + DemoDirectories.DEMO_CLIENT_ID + "/access_as_user"), tokens.scopes().toString());
        // msal4j's token request really reached the stand-in through the rewriting client, with PKCE and the secret
        var token = standIn.requests("/" + DemoDirectories.DEMO_TID + "/oauth2/v2.0/token");
        assertEquals(1, token.size());
        assertEquals(SECRET, token.getFirst().parameters().get("client_secret"));
        assertTrue(token.getFirst().parameters().containsKey("code_verifier"));
        // the access token validates as an Entra token of the tenant's app (same keys, Entra issuer)
        var claims = new io.mcpplatform.server.entra.validation.JwksEntraTokenValidator(connection,
                java.time.Clock.systemUTC()).validate(tenant, tokens.accessToken());
        assertEquals(DemoDirectories.BOB.oid(), claims.oid());
    }

    @Test
    void authorizationUrlWhenBuiltThenEntraShapeWithoutResource() {
        Tenant tenant = tenant(DemoDirectories.DEMO_CLIENT_ID, "secret:env:X");
        URI url = new MsalEntraSignIn(connection).authorizationUrl(tenant, CALLBACK, "st", "ch", "no");

        assertEquals(standIn.baseUrl() + "/" + DemoDirectories.DEMO_TID + "/oauth2/v2.0/authorize", url.toString()
                .substring(0, url.toString().indexOf('?')));
        String q = url.getRawQuery();
        for (String p : List.of("client_id=" + DemoDirectories.DEMO_CLIENT_ID, "response_type=code", "state=st",
                "nonce=no", "code_challenge=ch", "code_challenge_method=S256", "response_mode=query",
                "scope=openid+profile+offline_access+api%3A%2F%2F" + DemoDirectories.DEMO_CLIENT_ID + "%2Faccess_as_user")) {
            assertTrue(q.contains(p), p + " in " + q);
        }
        assertFalse(q.contains("resource="));
    }

    @Test
    void redeemWhenSecretFromEnvironmentThenAccepted() throws Exception {
        Tenant tenant = tenant(DemoDirectories.DEMO_CLIENT_ID, "secret:env:DEMO_SECRET");
        MsalEntraSignIn signIn = new MsalEntraSignIn(connection,
                new CredentialResolver(Map.of("DEMO_SECRET", SECRET)::get));

        assertEquals(DemoDirectories.ALICE.oid(), signInAs(signIn, tenant, "alice@demo.example", "n").oid());
    }

    @Test
    void redeemWhenSecretWrongThenInvalidClientWithAadsts() throws Exception {
        Tenant tenant = tenant(DemoDirectories.DEMO_CLIENT_ID, "secret:env:DEMO_SECRET");
        MsalEntraSignIn signIn = new MsalEntraSignIn(connection,
                new CredentialResolver(Map.of("DEMO_SECRET", "wrong")::get));

        EntraException e = assertThrows(EntraException.class, () -> signInAs(signIn, tenant, "alice@demo.example", "n"));
        assertEquals("invalid_client", e.code());
        assertEquals("AADSTS7000215", e.aadsts());
        assertFalse(e.getMessage().contains("wrong"));
    }

    @Test
    void redeemWhenCertificateThenSignedAssertionSent() throws Exception {
        Path pem = TestCertificates.selfSignedPem(dir.resolve("app.pem"));
        Tenant tenant = tenant(DemoDirectories.CONTOSO_CLIENT_ID, DemoDirectories.CONTOSO_TID,
                "certificate:file:" + pem);
        MsalEntraSignIn signIn = new MsalEntraSignIn(connection, new CredentialResolver(n -> null));

        EntraTokens tokens = signInAs(signIn, tenant, "carol@contoso.example", "n");

        assertEquals(DemoDirectories.CAROL.oid(), tokens.oid());
        var request = standIn.requests("/oauth2/v2.0/token").getLast().parameters();
        assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", request.get("client_assertion_type"));
        assertTrue(request.get("client_assertion").split("\\.").length == 3);
    }

    @Test
    void redeemWhenFederatedTokenFileRotatesThenNextRequestSendsNewAssertion() throws Exception {
        Path file = Files.writeString(dir.resolve("azure-identity-token"), "assertion-one");
        Tenant tenant = tenant(DemoDirectories.DEMO_CLIENT_ID, "federated:env");
        MsalEntraSignIn signIn = new MsalEntraSignIn(connection,
                new CredentialResolver(Map.of(CredentialResolver.FEDERATED_TOKEN_FILE_ENV, file.toString())::get));

        signInAs(signIn, tenant, "alice@demo.example", "n");
        Files.writeString(file, "assertion-two");
        signInAs(signIn, tenant, "bob@demo.example", "n");

        List<String> sent = new ArrayList<>();
        standIn.requests("/oauth2/v2.0/token").forEach(r -> sent.add(r.parameters().get("client_assertion")));
        assertEquals(List.of("assertion-one", "assertion-two"), sent);
    }

    @Test
    void redeemWhenConsentMissingThenAadsts65001() throws Exception {
        standIn.failTokenRequests(FAILING_CLIENT, Optional.of(StandInFailure.CONSENT_REQUIRED));
        Tenant tenant = tenant(FAILING_CLIENT, "secret:env:S");
        MsalEntraSignIn signIn = new MsalEntraSignIn(connection, new CredentialResolver(Map.of("S", "x")::get));

        EntraException e = assertThrows(EntraException.class, () -> signInAs(signIn, tenant, "alice@demo.example", "n"));

        assertEquals("invalid_grant", e.code());
        assertEquals("AADSTS65001", e.aadsts());
    }

    @Test
    void redeemWhenInteractionRequiredThenMapped() throws Exception {
        standIn.failTokenRequests(FAILING_CLIENT, Optional.of(StandInFailure.INTERACTION_REQUIRED));
        Tenant tenant = tenant(FAILING_CLIENT, "secret:env:S");
        MsalEntraSignIn signIn = new MsalEntraSignIn(connection, new CredentialResolver(Map.of("S", "x")::get));

        EntraException e = assertThrows(EntraException.class, () -> signInAs(signIn, tenant, "alice@demo.example", "n"));

        assertEquals("interaction_required", e.code());
        assertEquals("AADSTS50076", e.aadsts());
    }

    @Test
    void redeemWhenNonceDiffersThenRejected() throws Exception {
        Tenant tenant = tenant(DemoDirectories.DEMO_CLIENT_ID, "secret:env:S");
        MsalEntraSignIn signIn = new MsalEntraSignIn(connection, new CredentialResolver(Map.of("S", SECRET)::get));
        String verifier = "v".repeat(50);
        URI url = signIn.authorizationUrl(tenant, CALLBACK, "s", challenge(verifier), "nonce-a");
        String code = code(url, "alice@demo.example");

        EntraException e = assertThrows(EntraException.class,
                () -> signIn.redeem(tenant, code, verifier, CALLBACK, "nonce-b"));
        assertEquals("invalid_id_token", e.code());
    }

    @Test
    void standInWhenCodeVerifierMissingThenRejected() throws Exception {
        String verifier = "w".repeat(50);
        Tenant tenant = tenant(DemoDirectories.DEMO_CLIENT_ID, "secret:env:S");
        URI url = new MsalEntraSignIn(connection).authorizationUrl(tenant, CALLBACK, "s", challenge(verifier), "n");
        String code = code(url, "alice@demo.example");
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(
                        URI.create(standIn.baseUrl() + "/" + DemoDirectories.DEMO_TID + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id="
                        + DemoDirectories.DEMO_CLIENT_ID + "&client_secret=" + SECRET + "&code=" + code
                        + "&redirect_uri=" + CALLBACK)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("code_verifier"), response.body());
    }

    @Test
    void redeemWhenStandInDownThenTemporarilyUnavailable() throws Exception {
        Tenant tenant = tenant(DemoDirectories.DEMO_CLIENT_ID, "secret:env:S");
        MsalEntraSignIn signIn = new MsalEntraSignIn(connection, new CredentialResolver(Map.of("S", SECRET)::get));
        String verifier = "x".repeat(50);
        String code = code(signIn.authorizationUrl(tenant, CALLBACK, "s", challenge(verifier), "n"), "alice@demo.example");
        standIn.close();

        EntraException e = assertThrows(EntraException.class, () -> signIn.redeem(tenant, code, verifier, CALLBACK, "n"));
        assertEquals("temporarily_unavailable", e.code());
    }

    @Test
    void redeemWhenEntraNeverAnswersThenTemporarilyUnavailableWithinBound() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException ignored) {
                    // closed
                }
            });
            StandInEndpoints endpoints = new StandInEndpoints(URI.create("http://127.0.0.1:" + silent.getLocalPort()));
            Duration bound = Duration.ofSeconds(1);
            EntraConnection silentConnection = new EntraConnection(endpoints,
                    Optional.of(new io.mcpplatform.server.entra.signin.MsalHttpClient(bound, endpoints.rewrite())),
                    EntraConnection.jwksClient(bound), bound, EntraConnection.DEFAULT_API_SCOPE);
            Tenant tenant = tenant(DemoDirectories.DEMO_CLIENT_ID, "secret:env:S");
            MsalEntraSignIn signIn = new MsalEntraSignIn(silentConnection, new CredentialResolver(Map.of("S", "x")::get));

            EntraException e = assertThrows(EntraException.class,
                    () -> signIn.redeem(tenant, "code", "v".repeat(43), CALLBACK, "n"));
            assertEquals("temporarily_unavailable", e.code());
            acceptor.interrupt();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private EntraTokens signInAs(MsalEntraSignIn signIn, Tenant tenant, String user, String nonce) throws Exception {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        URI url = signIn.authorizationUrl(tenant, CALLBACK, "state-1", challenge(verifier), nonce);
        String code = code(url, user);
        return signIn.redeem(tenant, code, verifier, CALLBACK, nonce);
    }

    /** Plays the browser: the authorization URL with a login_hint, non-interactively, to the redirect's code. */
    private String code(URI authorizationUrl, String loginHint) throws Exception {
        URI withHint = URI.create(authorizationUrl + "&login_hint=" + java.net.URLEncoder.encode(loginHint,
                java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(withHint).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, response.statusCode(), response.body());
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertTrue(location.toString().startsWith(CALLBACK + "?"), location.toString());
        assertTrue(location.getRawQuery().contains("state=state-1") || location.getRawQuery().contains("state=s"));
        for (String pair : location.getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                return java.net.URLDecoder.decode(pair.substring(5), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no code in " + location);
    }

    static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    static Tenant tenant(String clientId, String credential) {
        return tenant(clientId, DemoDirectories.DEMO_TID, credential);
    }

    static Tenant tenant(String clientId, String tid, String credential) {
        Instant now = Instant.now();
        return new Tenant(UUID.randomUUID(), "demo", "Demo", TenantStatus.ACTIVE,
                new EntraApp(tid, clientId, credential, null), ClientPolicy.defaults(), List.of("echo"),
                Tenant.McpMode.STATEFUL, now, now);
    }
}
