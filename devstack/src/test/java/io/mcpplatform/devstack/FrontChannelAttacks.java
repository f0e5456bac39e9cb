package io.mcpplatform.devstack;

import io.mcpplatform.devstack.AttackContext.Home;
import org.junit.jupiter.api.DynamicTest;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attacks on the browser-facing OAuth endpoints of tenant {@code home} (with {@code other} as the foreign tenant):
 * redirect-URI variants and client confusion at {@code /authorize}, bad authorization parameters, SSRF targets as
 * metadata-document client ids, consent CSRF and framing, forged callbacks, registration abuse, and spoofed
 * {@code X-Forwarded-*} headers on metadata. Each refusal must change no row.
 */
final class FrontChannelAttacks {
    private final AttackContext ctx;
    private final Home home;
    private final Home other;

    FrontChannelAttacks(AttackContext ctx, Home home, Home other) {
        this.ctx = ctx;
        this.home = home;
        this.other = other;
    }

    List<DynamicTest> all() {
        List<DynamicTest> out = new ArrayList<>();
        out.addAll(redirectUris());
        out.addAll(clientConfusion());
        out.addAll(authorizationParameters());
        out.addAll(metadataDocumentSsrf());
        out.addAll(consent());
        out.addAll(registration());
        out.addAll(forwardedHeaders());
        return out;
    }

    private List<DynamicTest> redirectUris() {
        String r = home.redirect();
        URI u = URI.create(r);
        String hostPort = u.getRawAuthority();
        List<String> variants = List.of(r + "/extra", r + "?next=https://evil.example/", r + "#frag", r.toUpperCase(),
                r + "/", r + "/../evil", "http://" + hostPort + "/%63b", "http://" + hostPort + "/cb%2F..%2Fevil",
                "http://127.0.0.1.evil.example:" + u.getPort() + "/cb", "http://evil.example/cb",
                "http://" + hostPort + "@evil.example/cb", "http://evil.example@" + hostPort + "/cb",
                "https://" + hostPort + "/cb", "http://localhost:" + u.getPort() + "/cb",
                "http://[::1]:" + u.getPort() + "/cb", "http://0x7f000001:" + u.getPort() + "/cb",
                "javascript:alert(document.domain)//" + r, "data:text/html,<script>alert(1)</script>",
                "//evil.example/cb", "", r + " ", r + "\\@evil.example", other.redirect(), "https://evil.example/cb");
        List<DynamicTest> out = new ArrayList<>();
        for (String variant : variants) {
            out.add(ctx.tally.test("redirect-uri", home.slug() + " redirect_uri=" + variant, () -> {
                Map<String, String> p = params(q -> q.put("redirect_uri", variant));
                return Refusals.page(ctx.unchanged(() -> ctx.send(get(ctx.authorizeUrl(home.slug(), p)))), 400);
            }));
        }
        return out;
    }

    private List<DynamicTest> clientConfusion() {
        Map<String, Consumer<Map<String, String>>> cases = new LinkedHashMap<>();
        cases.put("client of " + other.slug(), q -> {
            q.put("client_id", other.clientId());
            q.put("redirect_uri", other.redirect());
        });
        cases.put("client of " + other.slug() + " with home redirect", q -> q.put("client_id", other.clientId()));
        cases.put("unknown client", q -> q.put("client_id", "no-such-client"));
        cases.put("no client_id", q -> q.put("client_id", null));
        cases.put("no redirect_uri", q -> q.put("redirect_uri", null));
        cases.put("Entra app id as client", q -> q.put("client_id", home.entraClientId()));
        List<DynamicTest> out = new ArrayList<>();
        cases.forEach((name, change) -> out.add(ctx.tally.test("client-confusion", home.slug() + " " + name, () ->
                Refusals.page(ctx.unchanged(() -> ctx.send(get(ctx.authorizeUrl(home.slug(), params(change))))), 400))));
        out.add(ctx.tally.test("client-confusion", home.slug() + " repeated client_id", () -> {
            String url = ctx.authorizeUrl(home.slug(), params(q -> { })) + "&client_id=" + other.clientId();
            return Refusals.page(ctx.unchanged(() -> ctx.send(get(url))), 400);
        }));
        out.add(ctx.tally.test("client-confusion", home.slug() + " repeated redirect_uri (attacker's second)", () -> {
            String url = ctx.authorizeUrl(home.slug(), params(q -> { })) + "&"
                    + ScriptedBrowser.form("redirect_uri", "http://evil.example/cb");
            return Refusals.page(ctx.unchanged(() -> ctx.send(get(url))), 400);
        }));
        return out;
    }

    private List<DynamicTest> authorizationParameters() {
        record Bad(String name, String error, Consumer<Map<String, String>> change) {
        }
        List<Bad> bad = List.of(
                new Bad("no code_challenge", "invalid_request", q -> q.put("code_challenge", null)),
                new Bad("no code_challenge_method", "invalid_request", q -> q.put("code_challenge_method", null)),
                new Bad("PKCE plain", "invalid_request", q -> {
                    q.put("code_challenge_method", "plain");
                    q.put("code_challenge", "a".repeat(43));
                }),
                new Bad("challenge 42 chars", "invalid_request", q -> q.put("code_challenge", "a".repeat(42))),
                new Bad("challenge with '='", "invalid_request", q -> q.put("code_challenge", "a".repeat(42) + "=")),
                new Bad("resource of " + other.slug(), "invalid_target", q -> q.put("resource", ctx.mcp(other.slug()))),
                new Bad("resource with trailing slash", "invalid_target", q -> q.put("resource", ctx.mcp(home.slug()) + "/")),
                new Bad("resource Graph", "invalid_target", q -> q.put("resource", "https://graph.microsoft.com")),
                new Bad("no resource", "invalid_request", q -> q.put("resource", null)),
                new Bad("response_type=token", "unsupported_response_type", q -> q.put("response_type", "token")),
                new Bad("response_type=code id_token", "unsupported_response_type",
                        q -> q.put("response_type", "code id_token")),
                new Bad("no response_type", "invalid_request", q -> q.put("response_type", null)),
                new Bad("scope admin", "invalid_scope", q -> q.put("scope", "mcp:tools admin")),
                new Bad("scope Graph", "invalid_scope", q -> q.put("scope", "https://graph.microsoft.com/.default")));
        List<DynamicTest> out = new ArrayList<>();
        for (Bad b : bad) {
            out.add(ctx.tally.test("authorize-params", home.slug() + " " + b.name(), () -> {
                HttpResponse<String> res = ctx.unchanged(() -> ctx.send(get(ctx.authorizeUrl(home.slug(),
                        params(b.change())))));
                return Refusals.redirectError(res, home.redirect(), b.error(), "st", ctx.issuer(home.slug()));
            }));
        }
        out.add(ctx.tally.test("authorize-params", home.slug() + " resource repeated with the other tenant's", () -> {
            String url = ctx.authorizeUrl(home.slug(), params(q -> { })) + "&"
                    + ScriptedBrowser.form("resource", ctx.mcp(other.slug()));
            return Refusals.redirectError(ctx.unchanged(() -> ctx.send(get(url))), home.redirect(), "invalid_target",
                    "st", ctx.issuer(home.slug()));
        }));
        out.add(ctx.tally.test("oversized-input", home.slug() + " state of 1025 characters", () -> {
            String url = ctx.authorizeUrl(home.slug(), params(q -> q.put("state", "s".repeat(1025))));
            HttpResponse<String> res = ctx.unchanged(() -> ctx.send(get(url)));
            String location = res.headers().firstValue("Location").orElse("");
            return AttackTally.Verdict.of(!location.startsWith(home.redirect() + "?error=invalid_request"),
                    location, () -> assertEquals(302, res.statusCode()));
        }));
        out.add(ctx.tally.test("oversized-input", home.slug() + " query of 64 KiB", () -> {
            String url = ctx.authorizeUrl(home.slug(), params(q -> q.put("x", "y".repeat(64 * 1024))));
            HttpResponse<String> res = ctx.unchanged(() -> ctx.send(get(url)));
            return AttackTally.Verdict.of(res.headers().firstValue("Location").isPresent(), "" + res.statusCode(),
                    () -> assertTrue(res.statusCode() == 400 || res.statusCode() == 414 || res.statusCode() == 431,
                            "status " + res.statusCode()));
        }));
        return out;
    }

    private List<DynamicTest> metadataDocumentSsrf() {
        List<String> targets = List.of("https://127.0.0.1/client.json", "https://localhost/client.json",
                "https://169.254.169.254/latest/meta-data/iam/security-credentials/",
                "https://[fd00:ec2::254]/latest/meta-data/", "https://[::1]/client.json", "https://10.0.0.1/client.json",
                "https://172.16.0.1/client.json", "https://192.168.0.1/client.json", "https://0.0.0.0/client.json",
                "https://[::ffff:127.0.0.1]/client.json", "https://2130706433/client.json",
                "https://0x7f.0.0.1/client.json", "https://100.64.0.1/client.json", "https://[fe80::1]/client.json",
                "https://127.0.0.1:" + URI.create(ctx.base()).getPort() + "/t/" + home.slug() + "/oauth2/jwks",
                "http://example.com/client.json", "file:///etc/passwd", "https://user:pass@example.com/client.json",
                "https://224.0.0.1/client.json", "https://255.255.255.255/client.json");
        List<DynamicTest> out = new ArrayList<>();
        for (String target : targets) {
            out.add(ctx.tally.test("ssrf-metadata-document", home.slug() + " client_id=" + target, () -> {
                Map<String, String> p = params(q -> {
                    q.put("client_id", target);
                    q.put("redirect_uri", "http://127.0.0.1:53682/callback");
                });
                return Refusals.page(ctx.unchanged(() -> ctx.send(get(ctx.authorizeUrl(home.slug(), p)))), 400);
            }));
        }
        return out;
    }

    private List<DynamicTest> consent() {
        List<DynamicTest> out = new ArrayList<>();
        out.add(consentCase("POST without the cookie", c -> ctx.send(HttpRequest.newBuilder(c.page())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString(decision(c, c.csrf()))).build()), 400));
        out.add(consentCase("POST with a wrong form token", c -> post(c, decision(c, "x".repeat(c.csrf().length())),
                origin()), 403));
        out.add(consentCase("POST from another site (Origin)", c -> post(c, decision(c, c.csrf()),
                "https://evil.example"), 403));
        out.add(consentCase("POST as text/plain", c -> ctx.send(HttpRequest.newBuilder(c.page())
                .header("Content-Type", "text/plain").header("Cookie", c.cookie()).header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString(decision(c, c.csrf()))).build()), 400));
        out.add(consentCase("POST with the field repeated", c -> post(c, decision(c, c.csrf()) + "&decision=approve",
                origin()), 400));
        out.add(consentCase("GET of the page without the cookie", c -> ctx.send(HttpRequest.newBuilder(c.page())
                .GET().build()), 403));
        out.add(consentCase("POST at the other tenant's consent endpoint", c -> ctx.send(HttpRequest.newBuilder(
                        ctx.url("/t/" + other.slug() + "/oauth2/consent"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", c.cookie())
                .header("Origin", origin()).POST(HttpRequest.BodyPublishers.ofString(decision(c, c.csrf()))).build()),
                400));
        out.add(ctx.tally.test("consent-csrf", home.slug() + " the attacker's own pending sign-in's token (swap)", () -> {
            ScriptedBrowser.AtConsent victim = pendingConsent();
            ScriptedBrowser.AtConsent mine = pendingConsent();
            return Refusals.page(ctx.unchanged(() -> post(victim, ScriptedBrowser.form("request", victim.requestId(),
                    "csrf", mine.csrf(), "decision", "approve"), origin(), mine.cookie().replace(name(mine),
                    name(victim)))), 403);
        }));
        out.add(ctx.tally.test("consent-clickjacking", home.slug() + " consent page refuses framing", () -> {
            ScriptedBrowser.AtConsent c = pendingConsent();
            HttpResponse<String> page = c.response();
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            boolean framable = !"DENY".equals(page.headers().firstValue("X-Frame-Options").orElse(""))
                    || !csp.contains("frame-ancestors 'none'");
            return AttackTally.Verdict.of(framable, "X-Frame-Options/CSP missing", () -> { });
        }));
        out.add(ctx.tally.test("consent-replay", home.slug() + " approved form posted again gives no second code",
                () -> {
                    ScriptedBrowser.AtConsent c = pendingConsent();
                    HttpResponse<String> first = post(c, decision(c, c.csrf()), origin());
                    assertEquals(303, first.statusCode(), first.body());
                    return Refusals.page(ctx.unchanged(() -> post(c, decision(c, c.csrf()), origin())), 400);
                }));
        out.add(ctx.tally.test("callback-forgery", home.slug() + " callback with an invented state", () ->
                Refusals.page(ctx.unchanged(() -> ctx.send(get(ctx.base() + "/t/" + home.slug()
                        + "/oauth2/callback?code=attacker-code&state=" + AttackContext.verifier()))), 400)));
        out.add(ctx.tally.test("callback-forgery", home.slug() + " callback of a sign-in started at " + other.slug(),
                () -> {
                    URI entra = URI.create(ctx.send(get(ctx.authorizeUrl(other.slug(), otherParams())))
                            .headers().firstValue("Location").orElseThrow());
                    String state = ScriptedBrowser.query(entra).get("state");
                    return Refusals.page(ctx.unchanged(() -> ctx.send(get(ctx.base() + "/t/" + home.slug()
                            + "/oauth2/callback?code=stolen&state=" + state))), 400);
                }));
        return out;
    }

    private DynamicTest consentCase(String name, ConsentAttack attack, int status) {
        return ctx.tally.test("consent-csrf", home.slug() + " " + name, () -> {
            ScriptedBrowser.AtConsent c = pendingConsent();
            return Refusals.page(ctx.unchanged(() -> attack.run(c)), status);
        });
    }

    @FunctionalInterface
    private interface ConsentAttack {
        HttpResponse<String> run(ScriptedBrowser.AtConsent consent) throws Exception;
    }

    /** A new client (so no consent is remembered) and a sign-in stopped on the consent page. */
    private ScriptedBrowser.AtConsent pendingConsent() {
        String redirect = "http://127.0.0.1:54" + (100 + (int) (Math.random() * 800)) + "/cb";
        String clientId = ctx.register(home.slug(), "Consent target", redirect);
        Map<String, String> p = params(q -> {
            q.put("client_id", clientId);
            q.put("redirect_uri", redirect);
        });
        return (ScriptedBrowser.AtConsent) ctx.browser(home).open(ctx.authorizeUrl(home.slug(), p), redirect);
    }

    private List<DynamicTest> registration() {
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("javascript: redirect", new Object[]{"invalid_redirect_uri", List.of("javascript:alert(1)")});
        cases.put("data: redirect", new Object[]{"invalid_redirect_uri", List.of("data:text/html,x")});
        cases.put("http non-loopback redirect", new Object[]{"invalid_redirect_uri", List.of("http://evil.example/cb")});
        cases.put("redirect with fragment", new Object[]{"invalid_redirect_uri", List.of("http://127.0.0.1:5000/cb#x")});
        cases.put("relative redirect", new Object[]{"invalid_redirect_uri", List.of("/cb")});
        cases.put("https redirect off the allow-list", new Object[]{"invalid_redirect_uri",
                List.of("https://evil.example/cb")});
        cases.put("redirect of 9000 characters", new Object[]{"invalid_redirect_uri",
                List.of("http://127.0.0.1:5000/" + "a".repeat(9000))});
        cases.put("101 redirect URIs", new Object[]{"invalid_redirect_uri", Collections.nCopies(101,
                "http://127.0.0.1:5000/cb")});
        cases.put("no redirect URIs", new Object[]{"invalid_redirect_uri", List.of()});
        List<DynamicTest> out = new ArrayList<>();
        cases.forEach((name, c) -> out.add(ctx.tally.test("registration", home.slug() + " " + name, () ->
                Refusals.oauthError(ctx.unchanged(() -> ctx.registerRaw(home.slug(), Map.of("client_name", "x",
                        "redirect_uris", c[1], "token_endpoint_auth_method", "none"))), 400, (String) c[0]))));
        Map<String, Map<String, Object>> metadata = new LinkedHashMap<>();
        metadata.put("implicit grant", Map.of("grant_types", List.of("implicit")));
        metadata.put("response_type token", Map.of("response_types", List.of("token")));
        metadata.put("client name of 5000 characters", Map.of("client_name", "n".repeat(5000)));
        metadata.put("scope admin", Map.of("scope", "mcp:tools admin"));
        metadata.put("unknown auth method", Map.of("token_endpoint_auth_method", "tls_client_auth"));
        metadata.forEach((name, extra) -> out.add(ctx.tally.test("registration", home.slug() + " " + name, () -> {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("client_name", "x",
                    "redirect_uris", List.of("http://127.0.0.1:5000/cb"), "token_endpoint_auth_method", "none"));
            body.putAll(extra);
            return Refusals.oauthError(ctx.unchanged(() -> ctx.registerRaw(home.slug(), body)), 400,
                    "invalid_client_metadata");
        })));
        out.add(ctx.tally.test("oversized-input", home.slug() + " registration body of 2 MiB", () ->
                Refusals.oauthError(ctx.unchanged(() -> ctx.registerBody(home.slug(),
                        "{\"client_name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", "application/json")),
                        413, "invalid_request")));
        out.add(ctx.tally.test("registration", home.slug() + " form-encoded body", () ->
                Refusals.oauthError(ctx.unchanged(() -> ctx.registerBody(home.slug(), "client_name=x",
                        "application/x-www-form-urlencoded")), 415, "invalid_request")));
        out.add(ctx.tally.test("registration", home.slug() + " malformed JSON", () ->
                Refusals.oauthError(ctx.unchanged(() -> ctx.registerBody(home.slug(), "{\"redirect_uris\":[",
                        "application/json")), 400, "invalid_client_metadata")));
        return out;
    }

    private List<DynamicTest> forwardedHeaders() {
        List<String[]> spoofs = List.of(new String[]{"X-Forwarded-Host", "evil.example"},
                new String[]{"X-Forwarded-Proto", "gopher"}, new String[]{"Forwarded", "host=evil.example;proto=https"},
                new String[]{"X-Forwarded-Prefix", "/evil"});
        List<DynamicTest> out = new ArrayList<>();
        for (String[] spoof : spoofs) {
            out.add(ctx.tally.test("forwarded-headers", home.slug() + " AS metadata with " + spoof[0], () -> {
                HttpResponse<String> res = ctx.send(HttpRequest.newBuilder(ctx.url(
                        "/.well-known/oauth-authorization-server/t/" + home.slug())).header(spoof[0], spoof[1]).build());
                String issuer = AttackContext.json(res).path("issuer").asText();
                String authorize = AttackContext.json(res).path("authorization_endpoint").asText();
                return AttackTally.Verdict.of(!issuer.equals(ctx.issuer(home.slug()))
                                || !authorize.startsWith(ctx.issuer(home.slug()) + "/"), issuer + " " + authorize,
                        () -> assertEquals(200, res.statusCode()));
            }));
            out.add(ctx.tally.test("forwarded-headers", home.slug() + " protected-resource metadata with " + spoof[0],
                    () -> {
                        HttpResponse<String> res = ctx.send(HttpRequest.newBuilder(URI.create(ctx.prm(home.slug())))
                                .header(spoof[0], spoof[1]).build());
                        String resource = AttackContext.json(res).path("resource").asText();
                        return AttackTally.Verdict.of(!resource.equals(ctx.mcp(home.slug())), resource,
                                () -> assertEquals(200, res.statusCode()));
                    }));
            out.add(ctx.tally.test("forwarded-headers", home.slug() + " 401 challenge with " + spoof[0], () -> {
                HttpResponse<String> res = ctx.mcpPost(home.slug(), RunningPlatform.INITIALIZE, spoof[0], spoof[1]);
                return Refusals.challenge(res, 401, "Bearer resource_metadata=\"" + ctx.prm(home.slug())
                        + "\", scope=\"mcp:tools\"");
            }));
            out.add(ctx.tally.test("forwarded-headers", home.slug() + " /authorize callback URL with " + spoof[0],
                    () -> {
                        HttpResponse<String> res = ctx.send(HttpRequest.newBuilder(URI.create(ctx.authorizeUrl(
                                home.slug(), params(q -> { })))).header(spoof[0], spoof[1]).GET().build());
                        String entra = res.headers().firstValue("Location").orElse("");
                        String callback = ScriptedBrowser.query(URI.create(entra)).getOrDefault("redirect_uri", "");
                        return AttackTally.Verdict.of(!callback.equals(ctx.issuer(home.slug()) + "/oauth2/callback"),
                                callback, () -> assertEquals(302, res.statusCode()));
                    }));
        }
        return out;
    }

    private Map<String, String> params(Consumer<Map<String, String>> change) {
        Map<String, String> p = ctx.authorizeParams(home, AttackContext.verifier(), "st");
        change.accept(p);
        return p;
    }

    private Map<String, String> otherParams() {
        return ctx.authorizeParams(other, AttackContext.verifier(), "st");
    }

    private String origin() {
        return ScriptedBrowser.origin(URI.create(ctx.base()));
    }

    private static String decision(ScriptedBrowser.AtConsent c, String csrf) {
        return ScriptedBrowser.form("request", c.requestId(), "csrf", csrf, "decision", "approve");
    }

    private static String name(ScriptedBrowser.AtConsent c) {
        return "mcp-consent-" + c.requestId().replace("-", "");
    }

    private HttpResponse<String> post(ScriptedBrowser.AtConsent c, String body, String origin) {
        return post(c, body, origin, c.cookie());
    }

    private HttpResponse<String> post(ScriptedBrowser.AtConsent c, String body, String origin, String cookie) {
        return ctx.send(HttpRequest.newBuilder(c.page()).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie).header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }
}
