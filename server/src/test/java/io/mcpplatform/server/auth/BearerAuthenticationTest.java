package io.mcpplatform.server.auth;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.JwkRSA;
import io.mcpplatform.server.oauth.OAuthFixture;
import io.mcpplatform.server.oauth.keys.SigningKeys;
import io.mcpplatform.server.oauth.token.AccessTokenIssuer;
import io.mcpplatform.server.oauth.token.TokenSettings;
import io.mcpplatform.server.oauth.token.TokenSubject;
import io.mcpplatform.server.crypto.AesGcmSecretBox;
import io.mcpplatform.tenants.Tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bearer authentication at the MCP endpoint: every accepted and rejected token shape, and the exact challenges. */
class BearerAuthenticationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final TokenSubject ADA = new TokenSubject("tid-x", "oid-ada", "Ada", "ada@example.test");
    private static OAuthFixture f;
    private static String prmAlpha;

    @BeforeAll
    static void start() throws Exception {
        f = new OAuthFixture(TokenSettings.defaults());
        prmAlpha = OAuthFixture.BASE + "/.well-known/oauth-protected-resource/t/alpha/mcp";
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static String issue(Tenant tenant, Set<String> scopes) {
        AccessTokenIssuer issuer = f.routes.accessTokenIssuer();
        return issuer.issue(tenant, ADA, OAuthFixture.PUBLIC_CLIENT, scopes, AccessTokenIssuer.newJti(),
                issuer.expiryFromNow());
    }

    /** A token signed with alpha's real key, built from valid claims and then changed by {@code change}. */
    private static String forge(UnaryOperator<Jwt.Builder> change) {
        JwkRSA key = f.routes.signingKeys().signingKey(f.alpha.id());
        Instant now = f.clock.instant();
        Jwt.Builder b = Jwt.builder().type("at+jwt").algorithm("RS256").keyId(key.keyId())
                .issuer(f.urls.issuer("alpha")).audience(List.of(f.urls.mcp("alpha"))).subject("oid-ada")
                .addPayloadClaim("oid", "oid-ada").addPayloadClaim("tid", "tid-x")
                .addPayloadClaim("client_id", OAuthFixture.PUBLIC_CLIENT).addPayloadClaim("scope", "mcp:tools")
                .issueTime(now).notBefore(now).expirationTime(now.plusSeconds(300)).jwtId("forged-" + now.toEpochMilli());
        return SignedJwt.sign(change.apply(b).build(), key).tokenContent();
    }

    private static void assertInvalidToken(String token) {
        HttpResponse<String> res = f.callWhoAmI("alpha", "Bearer " + token);
        assertEquals(401, res.statusCode(), res.body());
        assertEquals("Bearer error=\"invalid_token\", resource_metadata=\"" + prmAlpha + "\", scope=\"mcp:tools\"",
                res.headers().firstValue("WWW-Authenticate").orElse(""));
        assertFalse(res.body().contains(token));
    }

    @Test
    void mcpWhenNoTokenThen401WithExactChallenge() {
        HttpResponse<String> res = f.callWhoAmI("alpha", null);
        assertEquals(401, res.statusCode());
        assertEquals("Bearer resource_metadata=\"" + prmAlpha + "\", scope=\"mcp:tools\"",
                res.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(List.of("Bearer resource_metadata=\"" + prmAlpha + "\", scope=\"mcp:tools\""),
                res.headers().allValues("WWW-Authenticate"));
    }

    @Test
    void mcpWhenValidTokenWithoutMcpScopeThen403InsufficientScope() {
        HttpResponse<String> res = f.callWhoAmI("alpha", "Bearer " + issue(f.alpha, Set.of("other")));
        assertEquals(403, res.statusCode());
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"mcp:tools\", resource_metadata=\"" + prmAlpha + "\"",
                res.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void mcpWhenValidTokenThenToolSeesUserAndCallIsAudited() throws Exception {
        HttpResponse<String> res = f.callWhoAmI("alpha", "Bearer " + issue(f.alpha, Set.of("mcp:tools")));
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.body().contains("alpha|oid-ada|public-client|PLATFORM"), res.body());
        f.audit.flush();
        assertTrue(f.count("select count(*) from audit_log where action = 'tools/call' and actor_oid = 'oid-ada'"
                + " and client_id = 'public-client' and detail->>'tool' = 'whoami'") >= 1);
    }

    @Test
    void mcpWhenTenantWithoutSignInThenOpenAndToolSeesNoUser() {
        HttpResponse<String> res = f.callWhoAmI("open", null);
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.body().contains("anonymous"));
    }

    @Test
    void mcpWhenTokenOfTenantAAtTenantBThen401() {
        assertEquals(200, f.callWhoAmI("alpha", "Bearer " + issue(f.alpha, Set.of("mcp:tools"))).statusCode());
        HttpResponse<String> res = f.callWhoAmI("beta", "Bearer " + issue(f.alpha, Set.of("mcp:tools")));
        assertEquals(401, res.statusCode());
        assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").contains("/t/beta/mcp"));
    }

    @Test
    void mcpWhenAlgNoneThen401() throws Exception {
        String valid = issue(f.alpha, Set.of("mcp:tools"));
        String[] parts = valid.split("\\.");
        String header = B64.encodeToString(("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\""
                + JSON.readTree(Base64.getUrlDecoder().decode(parts[0])).get("kid").asText() + "\"}").getBytes());
        assertInvalidToken(header + "." + parts[1] + ".");
        assertInvalidToken(header + "." + parts[1] + "." + parts[2]);
    }

    @Test
    void mcpWhenHs256SignedWithThePublicKeyThen401() throws Exception {
        String valid = issue(f.alpha, Set.of("mcp:tools"));
        String[] parts = valid.split("\\.");
        String kid = JSON.readTree(Base64.getUrlDecoder().decode(parts[0])).get("kid").asText();
        String jwks = f.routes.signingKeys().jwks(f.alpha.id());
        byte[] modulus = ((RSAPublicKey) f.routes.signingKeys().signingKey(f.alpha.id()).publicKey()).getEncoded();
        for (byte[] secret : List.of(jwks.getBytes(StandardCharsets.UTF_8), modulus)) {
            String header = B64.encodeToString(("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}")
                    .getBytes());
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String sig = B64.encodeToString(mac.doFinal((header + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
            assertInvalidToken(header + "." + parts[1] + "." + sig);
        }
    }

    @Test
    void mcpWhenWrongAudienceOrIssuerThen401() {
        assertEquals(200, f.callWhoAmI("alpha", "Bearer " + forge(b -> b)).statusCode(), "the forge itself is valid");
        assertInvalidToken(forge(b -> b.audience(List.of(f.urls.mcp("beta")))));
        assertInvalidToken(forge(b -> b.audience(List.of("https://graph.microsoft.com"))));
        assertInvalidToken(forge(b -> b.issuer(f.urls.issuer("beta"))));
        assertInvalidToken(forge(b -> b.issuer(OAuthFixture.BASE + "/t/alpha/")));
    }

    @Test
    void mcpWhenExpiredOrNotYetValidThen401() {
        Instant now = f.clock.instant();
        assertInvalidToken(forge(b -> b.expirationTime(now.minusSeconds(31))));
        assertEquals(200, f.callWhoAmI("alpha", "Bearer " + forge(b -> b.expirationTime(now.minusSeconds(20))))
                .statusCode(), "within the clock skew");
        assertInvalidToken(forge(b -> b.notBefore(now.plusSeconds(120))));
        assertInvalidToken(forge(b -> b.issueTime(now.plusSeconds(120))));
        String token = issue(f.alpha, Set.of("mcp:tools"));
        f.clock.advanceSeconds(600 + 31);
        assertInvalidToken(token);
    }

    @Test
    void mcpWhenAcceptedTokenLaterExpiresThen401DespiteTheVerifiedTokenCache() {
        String token = issue(f.alpha, Set.of("mcp:tools"));
        assertEquals(200, f.callWhoAmI("alpha", "Bearer " + token).statusCode());
        assertEquals(200, f.callWhoAmI("alpha", "Bearer " + token).statusCode());
        f.clock.advanceSeconds(600 + 31);
        assertInvalidToken(token);
    }

    @Test
    void b64TokenWhenCharactersOutsideRfc6750ThenRejected() {
        assertTrue(BearerAuthenticator.isB64Token("abc.DEF-ghi_~+/=="));
        assertFalse(BearerAuthenticator.isB64Token(""));
        assertFalse(BearerAuthenticator.isB64Token("=="));
        assertFalse(BearerAuthenticator.isB64Token("ab=c"));
        assertFalse(BearerAuthenticator.isB64Token("ab c"));
        assertFalse(BearerAuthenticator.isB64Token("ab\"c"));
        assertFalse(BearerAuthenticator.isB64Token("abé"));
    }

    @Test
    void mcpWhenIdTokenShapedJwtThen401() {
        assertInvalidToken(forge(b -> b.type("JWT").removePayloadClaim("scope")
                .audience(List.of(OAuthFixture.PUBLIC_CLIENT)).nonce("n-1")));
        assertInvalidToken(forge(b -> b.type("JWT")));
    }

    @Test
    void mcpWhenUnknownKidOrForeignKeyThen401() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        var pair = g.generateKeyPair();
        JwkRSA foreign = JwkRSA.builder().publicKey((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate()).keyId("foreign-key-id-123456").algorithm("RS256").build();
        Instant now = f.clock.instant();
        Jwt jwt = Jwt.builder().type("at+jwt").algorithm("RS256").keyId("foreign-key-id-123456")
                .issuer(f.urls.issuer("alpha")).audience(List.of(f.urls.mcp("alpha"))).subject("oid-ada")
                .addPayloadClaim("oid", "oid-ada").addPayloadClaim("tid", "t").addPayloadClaim("client_id", "c")
                .addPayloadClaim("scope", "mcp:tools").issueTime(now).notBefore(now)
                .expirationTime(now.plusSeconds(300)).jwtId("j-foreign").build();
        assertInvalidToken(SignedJwt.sign(jwt, foreign).tokenContent());
        String kid = f.routes.signingKeys().signingKey(f.alpha.id()).keyId();
        Jwt sameKid = Jwt.builder().type("at+jwt").algorithm("RS256").keyId(kid)
                .issuer(f.urls.issuer("alpha")).audience(List.of(f.urls.mcp("alpha"))).subject("oid-ada")
                .addPayloadClaim("oid", "oid-ada").addPayloadClaim("tid", "t").addPayloadClaim("client_id", "c")
                .addPayloadClaim("scope", "mcp:tools").issueTime(now).notBefore(now)
                .expirationTime(now.plusSeconds(300)).jwtId("j-foreign-2").build();
        assertInvalidToken(SignedJwt.sign(sameKid, foreign).tokenContent());
    }

    @Test
    void mcpWhenMalformedAuthorizationThen401() {
        for (String header : List.of("Bearer", "Bearer ", "Basic abc", "Bearer a.b", "Bearer a.b.c", "Bearer ä.b.c")) {
            HttpResponse<String> res = f.callWhoAmI("alpha", header);
            assertEquals(401, res.statusCode(), header);
        }
    }

    @Test
    void mcpWhenKeyRotatedThenOldTokensStillValidAndNewTokensUseNewKid() throws Exception {
        String before = issue(f.gamma, Set.of("mcp:tools"));
        String oldKid = kid(before);
        String newKid = f.routes.signingKeys().rotate(f.gamma.id());
        assertNotEquals(oldKid, newKid);
        String after = issue(f.gamma, Set.of("mcp:tools"));
        assertEquals(newKid, kid(after));
        assertEquals(200, f.callWhoAmI("gamma", "Bearer " + before).statusCode());
        assertEquals(200, f.callWhoAmI("gamma", "Bearer " + after).statusCode());
        String jwks = f.get("/t/gamma/oauth2/jwks").body();
        assertTrue(jwks.contains(oldKid) && jwks.contains(newKid), jwks);
        assertTrue(jwks.indexOf(newKid) < jwks.indexOf(oldKid), "the active key comes first");

        f.clock.advanceSeconds(600 + 30 + 60 + 1);
        String later = f.get("/t/gamma/oauth2/jwks").body();
        assertFalse(later.contains(oldKid), "retired key dropped once every token it signed has expired");
        assertTrue(later.contains(newKid));
    }

    @Test
    void mcpWhenAnotherInstanceRotatesThenItsTokensAreAcceptedAfterOneReload() throws Exception {
        f.routes.signingKeys().signingKey(f.delta.id());
        byte[] key = new byte[32];
        key[0] = 7;
        SigningKeys otherInstance = new SigningKeys(f.database, new AesGcmSecretBox(key), TokenSettings.defaults(),
                f.clock);
        String newKid = otherInstance.rotate(f.delta.id());
        AccessTokenIssuer otherIssuer = new AccessTokenIssuer(otherInstance, f.urls, TokenSettings.defaults(), f.clock);
        String token = otherIssuer.issue(f.delta, ADA, "c", Set.of("mcp:tools"), AccessTokenIssuer.newJti(),
                otherIssuer.expiryFromNow());
        assertEquals(newKid, kid(token));
        assertEquals(401, f.callWhoAmI("delta", "Bearer " + token).statusCode(),
                "keys were loaded less than key-reload-interval ago: no reload (bounded)");
        f.clock.advanceSeconds(11);
        assertEquals(200, f.callWhoAmI("delta", "Bearer " + token).statusCode());
    }

    private static String kid(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0])).get("kid").asText();
    }
}
