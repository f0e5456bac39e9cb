package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpplatform.devstack.entra.DemoUser;
import io.mcpplatform.tenants.Tenant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What every attack of the matrix needs: the running platform, its database seen by the owner, the tally, each
 * tenant's signed-in user ({@link Home}), and the legitimate requests attacks are variations of.
 */
final class AttackContext {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A tenant with sign-in as the matrix uses it: its user (signed in through the real flow, holding tokens), a
     * colleague in the same directory, the Entra directory and app, and a registered public client.
     */
    record Home(String slug, Tenant tenant, DemoUser user, DemoUser colleague, String tid, String entraClientId,
                String clientId, String redirect, String access, String refresh) {
    }

    final RunningPlatform running;
    final DatabaseProbe db;
    final AttackTally tally;
    final Map<String, Home> homes = new LinkedHashMap<>();

    AttackContext(RunningPlatform running, DatabaseProbe db, AttackTally tally) {
        this.running = running;
        this.db = db;
        this.tally = tally;
    }

    /** Registers a client at the tenant, signs {@code user} in through Entra and consent, and keeps the tokens. */
    Home signIn(String slug, DemoUser user, DemoUser colleague, String tid, String entraClientId, int port) {
        String redirect = "http://127.0.0.1:" + port + "/callback/" + slug;
        String clientId = register(slug, "Matrix client " + slug, redirect);
        Tenant tenant = running.platform.tenantRepository().findBySlug(slug).orElseThrow();
        Home partial = new Home(slug, tenant, user, colleague, tid, entraClientId, clientId, redirect, "", "");
        String verifier = verifier();
        JsonNode tokens = json(token(slug, "grant_type", "authorization_code", "code", freshCode(partial, verifier),
                "redirect_uri", redirect, "client_id", clientId, "code_verifier", verifier, "resource", mcp(slug)));
        Home home = new Home(slug, tenant, user, colleague, tid, entraClientId, clientId, redirect,
                tokens.path("access_token").asText(), tokens.path("refresh_token").asText());
        homes.put(slug, home);
        return home;
    }

    /** A tenant other than {@code slug}. */
    Home other(String slug) {
        return homes.values().stream().filter(h -> !h.slug().equals(slug)).findFirst().orElseThrow();
    }

    String base() {
        return running.platform.baseUrl().toString();
    }

    URI url(String path) {
        return URI.create(base() + path);
    }

    String mcp(String slug) {
        return running.platform.mcpUrl(slug).toString();
    }

    String issuer(String slug) {
        return base() + "/t/" + slug;
    }

    String prm(String slug) {
        return base() + "/.well-known/oauth-protected-resource/t/" + slug + "/mcp";
    }

    /** The exact challenge for an invalid token at a tenant. */
    String invalidTokenChallenge(String slug) {
        return "Bearer error=\"invalid_token\", resource_metadata=\"" + prm(slug) + "\", scope=\"mcp:tools\"";
    }

    HttpResponse<String> send(HttpRequest request) {
        return running.send(request);
    }

    /** Dynamic registration of a public client; returns its client id. */
    String register(String slug, String name, String redirect) {
        HttpResponse<String> res = registerRaw(slug, Map.of("client_name", name, "redirect_uris", List.of(redirect),
                "token_endpoint_auth_method", "none"));
        assertEquals(201, res.statusCode(), res.body());
        return json(res).path("client_id").asText();
    }

    HttpResponse<String> registerRaw(String slug, Object body) {
        try {
            return registerBody(slug, JSON.writeValueAsString(body), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> registerBody(String slug, String body, String contentType) {
        return send(HttpRequest.newBuilder(url("/t/" + slug + "/oauth2/register"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The valid authorization request parameters of a home client, in order; change a copy for an attack. */
    Map<String, String> authorizeParams(Home h, String verifier, String state) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", h.clientId());
        p.put("redirect_uri", h.redirect());
        p.put("code_challenge", challenge(verifier));
        p.put("code_challenge_method", "S256");
        p.put("state", state);
        p.put("scope", "mcp:tools");
        p.put("resource", mcp(h.slug()));
        return p;
    }

    /** An authorization URL from parameters ({@code null} values are left out). */
    String authorizeUrl(String slug, Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> {
            if (v != null) {
                q.append(q.isEmpty() ? "" : "&").append(ScriptedBrowser.form(k, v));
            }
        });
        return base() + "/t/" + slug + "/oauth2/authorize?" + q;
    }

    /** A new browser of the home user. */
    ScriptedBrowser browser(Home h) {
        return new ScriptedBrowser(running.entraHost(), h.user().username());
    }

    /** Signs the home user in again (consent remembered after the first time) and returns a fresh code. */
    String freshCode(Home h, String verifier) {
        return browser(h).approve(authorizeUrl(h.slug(), authorizeParams(h, verifier, "s-" + verifier.substring(0, 8))),
                h.redirect()).code();
    }

    /** A fresh code redeemed: the token response. */
    JsonNode freshTokens(Home h) {
        String verifier = verifier();
        HttpResponse<String> res = token(h.slug(), "grant_type", "authorization_code", "code", freshCode(h, verifier),
                "redirect_uri", h.redirect(), "client_id", h.clientId(), "code_verifier", verifier,
                "resource", mcp(h.slug()));
        assertEquals(200, res.statusCode(), res.body());
        return json(res);
    }

    /** POST to a tenant's token endpoint with form pairs. */
    HttpResponse<String> token(String slug, String... pairs) {
        return send(HttpRequest.newBuilder(url("/t/" + slug + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ScriptedBrowser.form(pairs))).build());
    }

    /** POST a JSON-RPC body to a tenant's MCP endpoint; {@code headers} as name/value pairs. */
    HttpResponse<String> mcpPost(String slug, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(mcp(slug)))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** Runs {@code action} and asserts that no guarded table gained or lost a row. */
    <T> T unchanged(Callable<T> action) throws Exception {
        return unchangedApartFrom(java.util.Set.of(), action);
    }

    /**
     * Like {@link #unchanged} but allows {@code allowed} tables to change (a replay's intended effect: the access
     * tokens of the first use are put on the deny list).
     */
    <T> T unchangedApartFrom(java.util.Set<String> allowed, Callable<T> action) throws Exception {
        Map<String, Long> before = new LinkedHashMap<>(db.counts());
        T result = action.call();
        Map<String, Long> after = new LinkedHashMap<>(db.counts());
        before.keySet().removeAll(allowed);
        after.keySet().removeAll(allowed);
        if (!before.equals(after)) {
            throw new AttackTally.StateChanged("the request changed the database: " + before + " -> " + after);
        }
        return result;
    }

    static JsonNode json(HttpResponse<String> res) {
        return json(res.body());
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
