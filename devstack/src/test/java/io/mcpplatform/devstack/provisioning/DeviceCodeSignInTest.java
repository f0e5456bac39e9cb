package io.mcpplatform.devstack.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.entra.EntraStandIn;
import io.mcpplatform.server.entra.signin.MsalHttpClient;
import io.mcpplatform.server.provisioning.cli.ProvisioningMainAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's device-code sign-in ({@code GraphSignIn.deviceCode}) through msal4j against the stand-in Entra's
 * device authorization grant, with the real authority {@code https://login.microsoftonline.com} rewritten to the
 * stand-in by msal4j's HTTP client (as in production, apart from the host): approved, declined, expired, and the
 * endpoint's answers shaped as Entra's.
 */
class DeviceCodeSignInTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SCOPES = Set.of("https://graph.microsoft.com/Application.ReadWrite.All");
    EntraStandIn entra;
    final ByteArrayOutputStream operator = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        EntraStandIn.Builder b = EntraStandIn.builder().interactive(false).deviceCodeInterval(Duration.ofSeconds(1));
        DemoDirectories.all().forEach(b::directory);
        entra = b.build().start(0);
    }

    @AfterEach
    void stop() {
        entra.close();
    }

    /** Starts the sign-in, waits until the client has polled once and got authorization_pending, then acts. */
    private CompletableFuture<String> signInAndThen(BiConsumer<EntraStandIn, String> act) throws Exception {
        CompletableFuture<String> token = CompletableFuture.supplyAsync(() -> ProvisioningMainAccess.deviceCode(
                "https://login.microsoftonline.com", DemoDirectories.DEMO_TID, ProvisioningFixture.CLI_CLIENT, SCOPES,
                new MsalHttpClient(Duration.ofSeconds(5), entra.endpoints().rewrite()),
                new PrintStream(operator, true, StandardCharsets.UTF_8)));
        String userCode = awaitPolledUserCode(token);
        act.accept(entra, userCode);
        return token;
    }

    private String awaitPolledUserCode(CompletableFuture<String> token) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && !token.isDone()) {
            List<String> codes = entra.pendingDeviceCodes();
            if (codes.size() == 1 && entra.deviceCodePolls(codes.getFirst()) > 0) {
                return codes.getFirst();
            }
            Thread.sleep(20);
        }
        String outcome = token.isDone() ? token.handle((t, e) -> e == null ? "a token" : e.toString()).join()
                : "still waiting";
        throw new AssertionError("the client never polled for a device code (" + outcome + "); operator saw: "
                + operator);
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void deviceCodeWhenApprovedByAliceThenGraphTokenOfAliceAndTheCodeShownToTheOperator() throws Exception {
        CompletableFuture<String> token = signInAndThen((e, code) -> e.approveDeviceCode(code, DemoDirectories.ALICE));

        JsonNode claims = claims(token.get(30, TimeUnit.SECONDS));
        assertEquals(DemoDirectories.ALICE.oid(), claims.path("oid").asText());
        assertEquals(DemoDirectories.DEMO_TID, claims.path("tid").asText());
        assertEquals("https://graph.microsoft.com", claims.path("aud").asText());
        assertEquals("Application.ReadWrite.All", claims.path("scp").asText());
        assertTrue(operator.toString().contains("https://microsoft.com/devicelogin and enter the code "),
                operator.toString());
        assertTrue(entra.requests("/oauth2/v2.0/devicecode").stream().allMatch(r -> r.path().startsWith("/"
                + DemoDirectories.DEMO_TID + "/")));
        assertTrue(entra.requests("/oauth2/v2.0/token").size() >= 2, "pending, then tokens");
    }

    @Test
    void deviceCodeWhenDeclinedThenSignInFailsNamingIt() throws Exception {
        CompletableFuture<String> token = signInAndThen(EntraStandIn::declineDeviceCode);

        ExecutionException e = assertThrows(ExecutionException.class, () -> token.get(30, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getCause().getMessage().startsWith("device-code sign-in failed:"), e.getCause().getMessage());
        assertTrue(e.getCause().getMessage().contains("declined"), e.getCause().getMessage());
    }

    @Test
    void deviceCodeWhenExpiredThenSignInFailsNamingIt() throws Exception {
        CompletableFuture<String> token = signInAndThen(EntraStandIn::expireDeviceCode);

        ExecutionException e = assertThrows(ExecutionException.class, () -> token.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("expired"), e.getCause().getMessage());
    }

    @Test
    void standInWhenCalledLikeEntraThenAnswersShapedLikeEntra() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI base = entra.baseUrl().resolve("/" + DemoDirectories.DEMO_TID + "/oauth2/v2.0/");
        HttpResponse<String> code = http.send(form(base.resolve("devicecode"), "client_id="
                + ProvisioningFixture.CLI_CLIENT + "&scope=openid%20User.Read"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, code.statusCode(), code.body());
        JsonNode c = JSON.readTree(code.body());
        for (String field : List.of("device_code", "user_code", "verification_uri", "expires_in", "interval",
                "message")) {
            assertTrue(c.hasNonNull(field), field + " in " + code.body());
        }
        assertTrue(c.path("message").asText().contains(c.path("user_code").asText()));

        String poll = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id="
                + ProvisioningFixture.CLI_CLIENT + "&device_code=";
        HttpResponse<String> pending = http.send(form(base.resolve("token"), poll + c.path("device_code").asText()),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, pending.statusCode());
        assertEquals("authorization_pending", JSON.readTree(pending.body()).path("error").asText());
        assertTrue(JSON.readTree(pending.body()).path("error_description").asText().startsWith("AADSTS70016:"));

        HttpResponse<String> unknown = http.send(form(base.resolve("token"), poll + "not-issued"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("bad_verification_code", JSON.readTree(unknown.body()).path("error").asText());
        HttpResponse<String> noClient = http.send(form(base.resolve("devicecode"), "scope=User.Read"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, noClient.statusCode());
        assertFalse(noClient.body().contains("device_code"));
    }

    private static HttpRequest form(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
