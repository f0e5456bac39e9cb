package io.mcpplatform.devstack.obo;

import com.nimbusds.jwt.SignedJWT;
import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.entra.DemoUser;
import io.mcpplatform.devstack.entra.EntraStandIn;
import io.mcpplatform.devstack.entra.StandInFailure;
import io.mcpplatform.migrations.TestPostgres;
import io.mcpplatform.server.auth.UserContext;
import io.mcpplatform.server.crypto.AesGcmSecretBox;
import io.mcpplatform.server.entra.EntraConnection;
import io.mcpplatform.server.entra.EntraTokens;
import io.mcpplatform.server.entra.signin.CredentialResolver;
import io.mcpplatform.server.entra.store.PostgresUpstreamTokenStore;
import io.mcpplatform.server.obo.MsalOboBroker;
import io.mcpplatform.server.obo.OboException;
import io.mcpplatform.server.obo.store.PostgresOboCacheStore;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;
import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.DatabaseSettings;
import io.mcpplatform.tenants.store.HibernateTenantRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On-behalf-of through msal4j against the Entra stand-in over real sockets, caches in a real PostgreSQL. */
class MsalOboBrokerTest {
    static final Set<String> GRAPH = Set.of("https://graph.microsoft.com/User.Read");
    static final String SECRET = "stand-in-secret";
    static TestPostgres pg;

    String db;
    Database database;
    EntraStandIn standIn;
    EntraConnection connection;
    PostgresUpstreamTokenStore upstream;
    PostgresOboCacheStore caches;
    Tenant demo;
    Tenant contoso;
    final byte[] key = new byte[32];

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    @BeforeEach
    void open() throws Exception {
        EntraStandIn.Builder b = EntraStandIn.builder().interactive(false);
        DemoDirectories.all().forEach(b::directory);
        standIn = b.build().start(0);
        connection = standIn.connection(Duration.ofSeconds(2));
        db = pg.migratedDatabase();
        database = Database.create(DatabaseSettings.parse(pg.jdbcUrl(db), TestPostgres.APP, TestPostgres.APP_PASSWORD)
                .withPoolSize(2));
        HibernateTenantRepository tenants = new HibernateTenantRepository(database);
        demo = tenants.upsert(tenant("demo", DemoDirectories.DEMO_TID, DemoDirectories.DEMO_CLIENT_ID));
        contoso = tenants.upsert(tenant("contoso", DemoDirectories.CONTOSO_TID, DemoDirectories.CONTOSO_CLIENT_ID));
        Arrays.fill(key, (byte) 9);
        upstream = new PostgresUpstreamTokenStore(database, new AesGcmSecretBox(key), Clock.systemUTC());
        caches = new PostgresOboCacheStore(database, new AesGcmSecretBox(key), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        standIn.close();
        database.close();
    }

    MsalOboBroker broker() {
        return new MsalOboBroker(connection, upstream, caches, Clock.systemUTC(),
                new CredentialResolver(Map.of("SECRET", SECRET)::get));
    }

    @Test
    void accessTokenWhenCalledAgainThenServedFromCacheAlsoAfterRestart() throws Exception {
        UserContext alice = entraUser(demo, DemoDirectories.ALICE);

        String first = broker().accessToken(demo, alice, GRAPH);
        assertEquals(1, standIn.oboRequests().size());
        var claims = SignedJWT.parse(first).getJWTClaimsSet();
        assertEquals(List.of("https://graph.microsoft.com"), claims.getAudience());
        assertEquals("User.Read", claims.getStringClaim("scp"));
        assertEquals(DemoDirectories.ALICE.oid(), claims.getStringClaim("oid"));
        assertEquals(DemoDirectories.DEMO_TID, claims.getStringClaim("tid"));

        int allRequests = standIn.requests().size();
        MsalOboBroker broker = broker();
        assertEquals(first, broker.accessToken(demo, alice, GRAPH));
        assertEquals(first, broker.accessToken(demo, alice, GRAPH));
        assertEquals(allRequests, standIn.requests().size(), "second call made no request at all to Entra");

        assertEquals(first, broker().accessToken(demo, alice, GRAPH));
        assertEquals(allRequests, standIn.requests().size(), "a new broker (restart) reads the cache from the database");
    }

    @Test
    void accessTokenWhenApiRejectedTheCachedTokenThenBypassCacheAsksEntraAgain() {
        UserContext alice = entraUser(demo, DemoDirectories.ALICE);
        MsalOboBroker broker = broker();
        broker.accessToken(demo, alice, GRAPH);
        broker.accessToken(demo, alice, GRAPH);
        assertEquals(1, standIn.oboRequests().size());

        broker.accessToken(demo, alice, GRAPH, true);

        assertEquals(2, standIn.oboRequests().size());
    }

    @Test
    void accessTokenWhenTwoUsersSameScopesThenEachGetsOwnToken() throws Exception {
        MsalOboBroker broker = broker();
        UserContext aliceUser = entraUser(demo, DemoDirectories.ALICE);
        UserContext bobUser = entraUser(demo, DemoDirectories.BOB);
        String alice = broker.accessToken(demo, aliceUser, GRAPH);
        String bob = broker.accessToken(demo, bobUser, GRAPH);

        assertNotEquals(alice, bob);
        assertEquals(DemoDirectories.BOB.oid(), SignedJWT.parse(bob).getJWTClaimsSet().getStringClaim("oid"));
        assertEquals(2, standIn.oboRequests().size());
        assertTrue(alice.equals(broker.accessToken(demo, aliceUser, GRAPH)), "Alice's own cached token");
        assertTrue(bob.equals(broker.accessToken(demo, bobUser, GRAPH)), "Bob's own cached token");
        assertEquals(2, standIn.oboRequests().size());
    }

    @Test
    void accessTokenWhenAliceCacheRowCopiedUnderBobThenUnreadableAndBobGetsOwnToken() throws Exception {
        MsalOboBroker broker = broker();
        broker.accessToken(demo, entraUser(demo, DemoDirectories.ALICE), GRAPH);
        try (Connection c = pg.superuser(db); PreparedStatement s = c.prepareStatement("""
                insert into obo_token_cache (tenant_id, user_oid, ciphertext, updated_at, expires_at)
                select tenant_id, ?, ciphertext, updated_at, expires_at from obo_token_cache
                 where tenant_id = ? and user_oid = ?""")) {
            s.setString(1, DemoDirectories.BOB.oid());
            s.setObject(2, demo.id());
            s.setString(3, DemoDirectories.ALICE.oid());
            assertEquals(1, s.executeUpdate());
        }
        assertTrue(caches.load(demo.id(), DemoDirectories.BOB.oid()).isEmpty(), "sealed for Alice, opened as Bob");

        String bob = broker.accessToken(demo, entraUser(demo, DemoDirectories.BOB), GRAPH);

        assertEquals(DemoDirectories.BOB.oid(), SignedJWT.parse(bob).getJWTClaimsSet().getStringClaim("oid"));
        assertEquals(2, standIn.oboRequests().size());
    }

    @Test
    void accessTokenWhenOtherTenantThenIsolated() throws Exception {
        MsalOboBroker broker = broker();
        broker.accessToken(demo, entraUser(demo, DemoDirectories.ALICE), GRAPH);

        String carol = broker.accessToken(contoso, entraUser(contoso, DemoDirectories.CAROL), GRAPH);

        var claims = SignedJWT.parse(carol).getJWTClaimsSet();
        assertEquals(DemoDirectories.CONTOSO_TID, claims.getStringClaim("tid"));
        assertEquals(DemoDirectories.CAROL.oid(), claims.getStringClaim("oid"));
        assertEquals(2, standIn.oboRequests().size());
        assertTrue(caches.load(contoso.id(), DemoDirectories.ALICE.oid()).isEmpty());
        assertTrue(caches.load(demo.id(), DemoDirectories.ALICE.oid()).isPresent());
    }

    @Test
    void accessTokenWhenStoredAssertionExpiresSoonThenRefreshedAndSavedBack() throws Exception {
        String refreshToken = refreshTokenFor(DemoDirectories.ALICE);
        String stale = standIn.accessToken(DemoDirectories.DEMO_TID, DemoDirectories.ALICE,
                DemoDirectories.DEMO_CLIENT_ID, apiScope());
        UUID id = upstream.save(demo.id(), new EntraTokens(stale, refreshToken, Instant.now().plusSeconds(60),
                Set.of(apiScope()), DemoDirectories.DEMO_TID, DemoDirectories.ALICE.oid(), "Alice", "alice"));
        int refreshesBefore = refreshRequests();

        String token = broker().accessToken(demo, platformUser(demo, DemoDirectories.ALICE), GRAPH);

        assertEquals(DemoDirectories.ALICE.oid(), SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("oid"));
        assertEquals(refreshesBefore + 1, refreshRequests());
        EntraTokens saved = upstream.findLatest(demo.id(), DemoDirectories.ALICE.oid()).orElseThrow().tokens();
        assertEquals(id, upstream.findLatest(demo.id(), DemoDirectories.ALICE.oid()).orElseThrow().id());
        assertNotEquals(stale, saved.accessToken());
        assertNotEquals(refreshToken, saved.refreshToken());
        assertTrue(saved.expiresAt().isAfter(Instant.now().plus(Duration.ofMinutes(30))));
        var assertion = standIn.oboRequests().getLast().parameters().get("assertion");
        assertEquals(saved.accessToken(), assertion);
    }

    @Test
    void accessTokenWhenPlatformUserHasNoStoredTokensThenInteractionRequired() {
        assertThrows(OboException.InteractionRequired.class,
                () -> broker().accessToken(demo, platformUser(demo, DemoDirectories.BOB), GRAPH));
        assertEquals(0, standIn.oboRequests().size());
    }

    @Test
    void accessTokenWhenConsentMissingThenConsentRequiredWithAdminConsentUrl() {
        standIn.failOboRequests(DemoDirectories.ALICE.oid(), Optional.of(StandInFailure.CONSENT_REQUIRED));

        OboException.ConsentRequired e = assertThrows(OboException.ConsentRequired.class,
                () -> broker().accessToken(demo, entraUser(demo, DemoDirectories.ALICE), GRAPH));

        assertEquals(standIn.baseUrl() + "/" + DemoDirectories.DEMO_TID + "/adminconsent?client_id="
                + DemoDirectories.DEMO_CLIENT_ID, e.adminConsentUrl());
        assertTrue(caches.load(demo.id(), DemoDirectories.ALICE.oid()).isEmpty());
    }

    @Test
    void accessTokenWhenInteractionRequiredThenClaimsChallengePassedOn() {
        standIn.failOboRequests(DemoDirectories.ALICE.oid(), Optional.of(StandInFailure.INTERACTION_REQUIRED));

        OboException.InteractionRequired e = assertThrows(OboException.InteractionRequired.class,
                () -> broker().accessToken(demo, entraUser(demo, DemoDirectories.ALICE), GRAPH));

        assertTrue(e.claims().contains("capolids"), e.claims());
        assertFalse(e.getMessage().contains("eyJ"));
    }

    @Test
    void accessTokenWhenAssertionForAnotherAppThenNotIssued() {
        String foreign = standIn.accessToken(DemoDirectories.DEMO_TID, DemoDirectories.ALICE,
                DemoDirectories.CONTOSO_CLIENT_ID, "api://" + DemoDirectories.CONTOSO_CLIENT_ID + "/access_as_user");
        UserContext alice = new UserContext(demo.id(), "demo", DemoDirectories.DEMO_TID, DemoDirectories.ALICE.oid(),
                "", "", Set.of("mcp:tools"), "client", UserContext.TokenKind.ENTRA, foreign);

        assertThrows(OboException.class, () -> broker().accessToken(demo, alice, GRAPH));
        assertTrue(caches.load(demo.id(), DemoDirectories.ALICE.oid()).isEmpty());
    }

    @Test
    void accessTokenWhenEntraUnreachableThenUnavailable() {
        UserContext alice = entraUser(demo, DemoDirectories.ALICE);
        standIn.close();

        assertThrows(OboException.Unavailable.class, () -> broker().accessToken(demo, alice, GRAPH));
    }

    private int refreshRequests() {
        return (int) standIn.requests("/oauth2/v2.0/token").stream()
                .filter(r -> "refresh_token".equals(r.parameters().get("grant_type"))).count();
    }

    /** A refresh token the stand-in issued to Alice through the authorization code flow (as at sign-in). */
    private String refreshTokenFor(DemoUser user) throws Exception {
        var browser = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        String redirect = "http://127.0.0.1:9/cb";
        var authorize = java.net.URI.create(standIn.baseUrl() + "/" + DemoDirectories.DEMO_TID
                + "/oauth2/v2.0/authorize?response_type=code&client_id=" + DemoDirectories.DEMO_CLIENT_ID
                + "&redirect_uri=" + redirect + "&scope=openid+offline_access+" + apiScope() + "&login_hint="
                + user.username() + "&state=s");
        var response = browser.send(java.net.http.HttpRequest.newBuilder(authorize).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String location = response.headers().firstValue("Location").orElseThrow();
        String code = java.net.URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"),
                java.nio.charset.StandardCharsets.UTF_8);
        var token = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(standIn.baseUrl() + "/"
                                + DemoDirectories.DEMO_TID + "/oauth2/v2.0/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code="
                                + java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8)
                                + "&client_id=" + DemoDirectories.DEMO_CLIENT_ID + "&client_secret=" + SECRET
                                + "&redirect_uri=" + redirect)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(token.body()).path("refresh_token").asText();
    }

    private static String apiScope() {
        return "api://" + DemoDirectories.DEMO_CLIENT_ID + "/access_as_user";
    }

    private UserContext entraUser(Tenant tenant, DemoUser user) {
        String clientId = tenant.entra().clientId();
        String token = standIn.accessToken(tenant.entra().tenantId(), user, clientId,
                "api://" + clientId + "/access_as_user");
        return new UserContext(tenant.id(), tenant.slug(), tenant.entra().tenantId(), user.oid(), user.name(),
                user.username(), Set.of("mcp:tools"), "client", UserContext.TokenKind.ENTRA, token);
    }

    private static UserContext platformUser(Tenant tenant, DemoUser user) {
        return new UserContext(tenant.id(), tenant.slug(), tenant.entra().tenantId(), user.oid(), user.name(),
                user.username(), Set.of("mcp:tools"), "client", UserContext.TokenKind.PLATFORM);
    }

    private static Tenant tenant(String slug, String tid, String clientId) {
        Instant now = Instant.now();
        return new Tenant(UUID.randomUUID(), slug, slug, TenantStatus.ACTIVE,
                new EntraApp(tid, clientId, "secret:env:SECRET", null), ClientPolicy.defaults(), List.of("echo"),
                Tenant.McpMode.STATEFUL, now, now);
    }
}
