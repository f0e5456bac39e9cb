package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.entra.DevSecrets;
import io.mcpplatform.devstack.entra.EntraStandIn;
import io.mcpplatform.server.db.DatabaseEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets in logs: the whole platform runs, with every logger at every level captured (and stdout/stderr), through
 * sign-ins at two tenants, token redemption and refresh, on-behalf-of calls to Graph, a confidential client, revocation
 * and a series of failures; then the captured text must contain none of the secrets the test created or saw (tokens,
 * codes, verifiers, client secrets, database passwords, the encryption key, Entra tokens and the values the platform
 * sent to Entra) and nothing shaped like a JWT or a bearer credential.
 */
class SecretsInLogsTest {
    @TempDir
    Path dir;

    @Test
    void logsWhenThePlatformSignsInRefreshesCallsGraphAndFailsThenNoSecretAppears() throws Exception {
        List<String> secrets = new ArrayList<>();
        String logged;
        try (LogCapture capture = new LogCapture()) {
            DatabaseProbe db = new DatabaseProbe();
            try (RunningPlatform running = RunningPlatform.start(dir, o -> o.withEmbeddedDatabase(db))) {
                exercise(running, db, dir, secrets);
            }
            List<String> values = capture.findValues(secrets);
            List<String> shapes = capture.findShapes();
            logged = capture.text();
            assertEquals(List.of(), values, "secret values in the logs");
            assertEquals(List.of(), shapes, "secret-shaped text in the logs");
        }
        assertTrue(secrets.size() >= 20, "the run saw too few secrets to mean anything: " + secrets.size());
        assertTrue(logged.length() > 1000, "almost nothing was logged; the capture is not working");
        System.out.println("SECRETS IN LOGS: secrets=" + secrets.size() + " log_chars=" + logged.length() + " hits=0");
    }

    @Test
    void scannerWhenASecretIsLoggedThenFindsItByValueAndByShape() {
        String planted = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJlLXBsYW50ZWQ";
        try (LogCapture capture = new LogCapture()) {
            Logger.getLogger("io.mcpplatform.server.planted").log(Level.FINE, "token {0}", planted);
            System.err.println("client_secret=Sup3rSecretValue42");

            assertEquals(1, capture.findValues(List.of(planted, "never-logged-value")).size());
            assertTrue(capture.findShapes().size() >= 2, capture.findShapes().toString());
        }
    }

    private static void exercise(RunningPlatform running, DatabaseProbe db, Path dir, List<String> secrets) throws Exception {
        AttackContext ctx = new AttackContext(running, db, new AttackTally());
        AttackContext.Home demo = ctx.signIn(DemoTenants.DEMO, DemoDirectories.ALICE, DemoDirectories.BOB,
                DemoDirectories.DEMO_TID, DemoDirectories.DEMO_CLIENT_ID, 53701);
        AttackContext.Home contoso = ctx.signIn(DemoTenants.CONTOSO, DemoDirectories.CAROL, DemoDirectories.DAVE,
                DemoDirectories.CONTOSO_TID, DemoDirectories.CONTOSO_CLIENT_ID, 53702);
        for (AttackContext.Home h : List.of(demo, contoso)) {
            secrets.add(h.access());
            secrets.add(h.refresh());
            assertEquals(200, running.callTool(h.slug(), h.access(), "signed_in_user").statusCode());
            assertEquals(200, running.callTool(h.slug(), h.access(), "whoami").statusCode());
            HttpResponse<String> refreshed = ctx.token(h.slug(), "grant_type", "refresh_token", "refresh_token",
                    h.refresh(), "client_id", h.clientId());
            assertEquals(200, refreshed.statusCode(), refreshed.body());
            JsonNode r = AttackContext.json(refreshed);
            secrets.add(r.path("access_token").asText());
            secrets.add(r.path("refresh_token").asText());
            // failures: the replayed refresh token, a forged bearer, a wrong verifier, a replayed code
            ctx.token(h.slug(), "grant_type", "refresh_token", "refresh_token", h.refresh(), "client_id", h.clientId());
            running.callTool(h.slug(), h.access() + "x", "signed_in_user");
            String verifier = AttackContext.verifier();
            String code = ctx.freshCode(h, verifier);
            secrets.add(verifier);
            secrets.add(code);
            ctx.token(h.slug(), "grant_type", "authorization_code", "code", code, "redirect_uri", h.redirect(),
                    "client_id", h.clientId(), "code_verifier", AttackContext.verifier());
            JsonNode issued = AttackContext.json(ctx.token(h.slug(), "grant_type", "authorization_code", "code", code,
                    "redirect_uri", h.redirect(), "client_id", h.clientId(), "code_verifier", verifier,
                    "resource", ctx.mcp(h.slug())));
            secrets.add(issued.path("access_token").asText());
            secrets.add(issued.path("refresh_token").asText());
            ctx.token(h.slug(), "grant_type", "authorization_code", "code", code, "redirect_uri", h.redirect(),
                    "client_id", h.clientId(), "code_verifier", verifier);
            String entra = running.entra.standIn().accessToken(h.tid(), h.user(), h.entraClientId(),
                    "api://" + h.entraClientId() + "/access_as_user");
            secrets.add(entra);
            running.callTool(h.slug(), entra, "whoami");
            running.callTool(ctx.other(h.slug()).slug(), entra, "signed_in_user");
            revoke(ctx, h, issued.path("refresh_token").asText());
        }
        secrets.addAll(confidentialClient(ctx, demo));
        DatabaseEndpoint endpoint = db.endpoint();
        secrets.add(endpoint.appPassword());
        secrets.add(endpoint.ownerPassword());
        secrets.add(DevSecrets.read(DevSecrets.encryptionKey(dir)));
        secrets.add(DevSecrets.read(DevSecrets.clientSecret(dir)));
        for (EntraStandIn.RecordedRequest request : running.entra.standIn().requests()) {
            for (Map.Entry<String, String> p : request.parameters().entrySet()) {
                if (List.of("code", "client_secret", "assertion", "client_assertion", "refresh_token", "code_verifier")
                        .contains(p.getKey())) {
                    secrets.add(p.getValue());
                }
            }
        }
    }

    private static List<String> confidentialClient(AttackContext ctx, AttackContext.Home h) {
        HttpResponse<String> registered = ctx.registerRaw(h.slug(), Map.of("client_name", "Confidential",
                "redirect_uris", List.of("http://127.0.0.1:53703/cb"), "token_endpoint_auth_method",
                "client_secret_post"));
        assertEquals(201, registered.statusCode(), registered.body());
        JsonNode client = AttackContext.json(registered);
        String secret = client.path("client_secret").asText();
        ctx.token(h.slug(), "grant_type", "refresh_token", "refresh_token", "nope", "client_id",
                client.path("client_id").asText(), "client_secret", secret + "-wrong");
        ctx.token(h.slug(), "grant_type", "refresh_token", "refresh_token", "nope", "client_id",
                client.path("client_id").asText(), "client_secret", secret);
        return List.of(secret, secret + "-wrong");
    }

    private static void revoke(AttackContext ctx, AttackContext.Home h, String token) {
        HttpResponse<String> res = ctx.send(HttpRequest.newBuilder(ctx.url("/t/" + h.slug() + "/oauth2/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ScriptedBrowser.form("token", token,
                        "client_id", h.clientId()))).build());
        assertEquals(200, res.statusCode(), res.body());
    }
}
