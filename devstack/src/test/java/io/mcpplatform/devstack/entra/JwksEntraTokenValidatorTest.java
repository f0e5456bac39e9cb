package io.mcpplatform.devstack.entra;

import io.mcpplatform.testing.MutableClock;
import io.mcpplatform.server.entra.EntraClaims;
import io.mcpplatform.server.entra.InvalidTokenException;
import io.mcpplatform.server.entra.validation.CachedJwks;
import io.mcpplatform.server.entra.validation.JwksEntraTokenValidator;
import io.mcpplatform.tenants.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Entra access tokens presented directly, validated against the stand-in's key set over real sockets. */
class JwksEntraTokenValidatorTest {
    static final String TID = DemoDirectories.DEMO_TID;
    static final String CLIENT = DemoDirectories.DEMO_CLIENT_ID;
    static final String KEYS_PATH = "/" + TID + "/discovery/v2.0/keys";

    EntraStandIn standIn;
    MutableClock clock = new MutableClock(Instant.now());
    JwksEntraTokenValidator validator;
    Tenant tenant = MsalEntraSignInTest.tenant(CLIENT, "secret:env:X");

    @BeforeEach
    void start() {
        EntraStandIn.Builder b = EntraStandIn.builder();
        DemoDirectories.all().forEach(b::directory);
        standIn = b.build().start(0);
        validator = new JwksEntraTokenValidator(standIn.connection(Duration.ofSeconds(2)), clock);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void validateWhenEntraAccessTokenOfTheAppThenClaims() {
        String token = standIn.accessToken(TID, DemoDirectories.ALICE, "agent-client", "api://" + CLIENT + "/access_as_user");

        EntraClaims claims = validator.validate(tenant, token);

        assertEquals(DemoDirectories.ALICE.oid(), claims.oid());
        assertEquals(TID, claims.tid());
        assertEquals("alice@demo.example", claims.username());
        assertEquals(Set.of("access_as_user"), claims.scopes());
        assertEquals("agent-client", claims.appId());
    }

    @Test
    void validateWhenAudienceIsApiUriThenAccepted() {
        assertEquals(DemoDirectories.BOB.oid(), validator.validate(tenant, token(Map.of("aud", "api://" + CLIENT))).oid());
    }

    @Test
    void validateWhenOtherDirectoryThenRejected() {
        // signed by the contoso directory's key and naming contoso: not the demo tenant's issuer or tid
        String token = standIn.accessToken(DemoDirectories.CONTOSO_TID, DemoDirectories.CAROL, CLIENT,
                "api://" + CLIENT + "/access_as_user");
        assertThrows(InvalidTokenException.class, () -> validator.validate(tenant, token));
    }

    @Test
    void validateWhenTidClaimDiffersThenRejected() {
        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> validator.validate(tenant, token(Map.of("tid", DemoDirectories.CONTOSO_TID))));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
    }

    @Test
    void validateWhenAudienceOtherAppThenRejected() {
        assertThrows(InvalidTokenException.class,
                () -> validator.validate(tenant, token(Map.of("aud", "00000003-0000-0000-c000-000000000000"))));
    }

    @Test
    void validateWhenIssuerDiffersThenRejected() {
        assertThrows(InvalidTokenException.class,
                () -> validator.validate(tenant, token(Map.of("iss", "https://sts.windows.net/" + TID + "/"))));
    }

    @Test
    void validateWhenVersionOneThenRejected() {
        assertThrows(InvalidTokenException.class, () -> validator.validate(tenant, token(Map.of("ver", "1.0"))));
    }

    @Test
    void validateWhenExpiredThenRejected() {
        String token = token(Map.of());
        clock.set(clock.instant().plus(Duration.ofHours(2)));
        assertThrows(InvalidTokenException.class, () -> validator.validate(tenant, token));
    }

    @Test
    void validateWhenNotYetValidThenRejected() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("nbf", Date.from(clock.instant().plus(Duration.ofMinutes(10))));
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> validator.validate(tenant, token(claims)));
        assertTrue(e.getMessage().length() > 0);
    }

    @Test
    void validateWhenIdTokenThenRejected() {
        Map<String, Object> claims = new LinkedHashMap<>(entraClaims(DemoDirectories.ALICE));
        claims.remove("scp");
        claims.put("nonce", "n");
        String idToken = standIn.sign(TID, claims, Duration.ofHours(1));
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> validator.validate(tenant, idToken));
        assertTrue(e.getMessage().contains("not an access token"), e.getMessage());
    }

    @Test
    void validateWhenAlgNoneThenRejected() {
        String token = standIn.accessToken(TID, DemoDirectories.ALICE, CLIENT, "api://" + CLIENT + "/access_as_user");
        String[] parts = token.split("\\.");
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> validator.validate(tenant, none));
        assertTrue(e.getMessage().contains("RS256") || e.getMessage().contains("signed"), e.getMessage());
    }

    @Test
    void validateWhenHs256SignedWithPublicKeyThenRejected() throws Exception {
        String token = standIn.accessToken(TID, DemoDirectories.ALICE, CLIENT, "api://" + CLIENT + "/access_as_user");
        String[] parts = token.split("\\.");
        String kid = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                .replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(standIn.endpoints().toString().getBytes(), "HmacSHA256"));
        String forged = header + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((header + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> validator.validate(tenant, forged));
        assertTrue(e.getMessage().contains("RS256"), e.getMessage());
    }

    @Test
    void validateWhenSignatureTamperedThenRejected() {
        String token = standIn.accessToken(TID, DemoDirectories.ALICE, CLIENT, "api://" + CLIENT + "/access_as_user");
        String[] parts = token.split("\\.");
        String payload = b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(DemoDirectories.ALICE.oid(), DemoDirectories.BOB.oid()));
        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> validator.validate(tenant, parts[0] + "." + payload + "." + parts[2]));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }

    @Test
    void validateWhenUnknownKidThenOneRefetchPerIntervalAndRejected() throws Exception {
        validator.validate(tenant, token(Map.of()));
        assertEquals(1, standIn.requests(KEYS_PATH).size());

        String foreign = foreignKeyToken("unknown-kid");
        for (int i = 0; i < 5; i++) {
            assertThrows(InvalidTokenException.class, () -> validator.validate(tenant, foreign));
        }
        // the first kid miss may refetch only after the interval since the last fetch: none so far
        assertEquals(1, standIn.requests(KEYS_PATH).size());

        clock.set(clock.instant().plus(CachedJwks.MIN_REFETCH_INTERVAL));
        for (int i = 0; i < 5; i++) {
            assertThrows(InvalidTokenException.class, () -> validator.validate(tenant, foreign));
        }
        assertEquals(2, standIn.requests(KEYS_PATH).size());
    }

    @Test
    void validateWhenStandInStoppedThenCachedKeysStillServe() {
        validator.validate(tenant, token(Map.of()));
        standIn.close();
        clock.set(clock.instant().plus(CachedJwks.MAX_AGE).plus(Duration.ofMinutes(1))); // stale: refresh fails

        assertEquals(DemoDirectories.BOB.oid(), validator.validate(tenant, token(Map.of())).oid());
        assertEquals(1, standIn.requests(KEYS_PATH).size());
    }

    @Test
    void validateWhenKeysNeverFetchedAndEntraDownThenFailsClosed() {
        String token = token(Map.of());
        standIn.close();
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> validator.validate(tenant, token));
        assertTrue(e.getMessage().contains("unavailable"), e.getMessage());
    }

    @Test
    void validateWhenGarbageThenRejectedWithoutEcho() {
        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> validator.validate(tenant, "not-a-jwt-secretvalue"));
        assertTrue(!e.getMessage().contains("secretvalue"));
    }

    /** A token for Bob in the demo directory with these claims replaced. */
    private String token(Map<String, Object> overrides) {
        Map<String, Object> claims = new LinkedHashMap<>(entraClaims(DemoDirectories.BOB));
        claims.putAll(overrides);
        return standIn.sign(TID, claims, Duration.ofHours(1));
    }

    private Map<String, Object> entraClaims(DemoUser user) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://login.microsoftonline.com/" + TID + "/v2.0");
        claims.put("aud", CLIENT);
        claims.put("tid", TID);
        claims.put("oid", user.oid());
        claims.put("sub", "s");
        claims.put("scp", "access_as_user");
        claims.put("ver", "2.0");
        claims.put("name", user.name());
        claims.put("preferred_username", user.username());
        claims.put("azp", "agent");
        claims.put("iat", Date.from(clock.instant()));
        claims.put("nbf", Date.from(clock.instant()));
        claims.put("exp", Date.from(clock.instant().plus(Duration.ofHours(1))));
        return claims;
    }

    private String foreignKeyToken(String kid) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
        String payload = b64("{\"iss\":\"https://login.microsoftonline.com/" + TID + "/v2.0\",\"aud\":\"" + CLIENT
                + "\",\"tid\":\"" + TID + "\",\"oid\":\"x\",\"scp\":\"access_as_user\",\"ver\":\"2.0\",\"exp\":"
                + clock.instant().plusSeconds(3600).getEpochSecond() + "}");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(pair.getPrivate());
        rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

}
