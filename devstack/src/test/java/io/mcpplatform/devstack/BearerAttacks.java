package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.security.jwt.jwk.JwkRSA;
import io.mcpplatform.devstack.AttackContext.Home;
import io.mcpplatform.devstack.AttackTally.Verdict;
import io.mcpplatform.devstack.TokenForge.Parts;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attacks with bearer tokens at tenant {@code home}'s MCP endpoint: forged platform JWTs ({@code alg: none}, HS/RS
 * confusion, {@code kid} injection, attacker keys behind {@code jku}/{@code x5u}/{@code jwk}, every wrong claim),
 * Entra tokens of the other directory or another app, the other tenant's real token, each on four MCP requests;
 * then sessions across tenants and users, Origin/Host, oversized bodies; and tool isolation: the home user's tool
 * answers never name the other tenant.
 */
final class BearerAttacks {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final List<String> MCP_METHODS = List.of("POST initialize", "POST tools/call", "GET stream",
            "DELETE session");

    private final AttackContext ctx;
    private final Home home;
    private final Home other;

    BearerAttacks(AttackContext ctx, Home home, Home other) {
        this.ctx = ctx;
        this.home = home;
        this.other = other;
    }

    List<DynamicTest> all() {
        List<DynamicTest> out = new ArrayList<>();
        for (Map.Entry<String, Supplier<String>> forged : forgedTokens().entrySet()) {
            for (String method : MCP_METHODS) {
                out.add(ctx.tally.test("jwt", home.slug() + " " + forged.getKey() + " on " + method, () -> {
                    String token = forged.getValue().get();
                    HttpResponse<String> res = ctx.unchanged(() -> mcp(method, home.slug(), token));
                    Verdict v = Refusals.challenge(res, 401, ctx.invalidTokenChallenge(home.slug()));
                    return Verdict.of(v.accepted(), v.what(), () -> {
                        v.preciseRefusal().run();
                        assertFalse(res.body().contains(token), "the answer echoes the token");
                    });
                }));
            }
        }
        out.add(ctx.tally.test("jwt", home.slug() + " Entra app-only token (roles, no scp)", () -> {
            Map<String, Object> claims = entraClaims(home, home.entraClientId());
            claims.remove("scp");
            claims.put("roles", List.of("Tools.All"));
            HttpResponse<String> res = ctx.mcpPost(home.slug(), RunningPlatform.INITIALIZE, "Authorization",
                    "Bearer " + ctx.running.entra.standIn().sign(home.tid(), claims, Duration.ofMinutes(10)));
            return Refusals.challenge(res, 403, "Bearer error=\"insufficient_scope\", scope=\"mcp:tools\", "
                    + "resource_metadata=\"" + ctx.prm(home.slug()) + "\"");
        }));
        out.add(ctx.tally.test("jwt", home.slug() + " platform token without mcp:tools", () -> {
            String token = TokenForge.rs256(valid().with(p -> p.claims().put("scope", "profile")), homeKey());
            return Refusals.challenge(ctx.mcpPost(home.slug(), RunningPlatform.INITIALIZE, "Authorization",
                    "Bearer " + token), 403, "Bearer error=\"insufficient_scope\", scope=\"mcp:tools\", "
                    + "resource_metadata=\"" + ctx.prm(home.slug()) + "\"");
        }));
        out.addAll(transport());
        out.addAll(toolIsolation());
        return out;
    }

    /** Controls (not counted): the untouched forge and the home tokens are accepted, so each change is what fails. */
    List<DynamicTest> controls() {
        return List.of(
                DynamicTest.dynamicTest("control: " + home.slug() + " forged token with the real key and valid claims",
                        () -> assertEquals(200, ctx.running.initialize(home.slug(),
                                TokenForge.rs256(valid(), homeKey())).statusCode())),
                DynamicTest.dynamicTest("control: " + home.slug() + " Entra token for the tenant's app", () ->
                        assertEquals(200, ctx.running.initialize(home.slug(), entra(home, home.entraClientId(),
                                c -> { })).statusCode())),
                DynamicTest.dynamicTest("control: " + home.slug() + " signed-in user's token", () ->
                        assertEquals(200, ctx.running.initialize(home.slug(), home.access()).statusCode())));
    }

    private Map<String, Supplier<String>> forgedTokens() {
        Map<String, Supplier<String>> t = new LinkedHashMap<>();
        t.put("alg none", () -> TokenForge.unsigned(valid().with(p -> p.header().put("alg", "none"))));
        t.put("alg None with the original signature", () -> {
            String real = TokenForge.rs256(valid(), homeKey());
            return TokenForge.unsigned(valid().with(p -> p.header().put("alg", "None")))
                    + real.substring(real.lastIndexOf('.') + 1);
        });
        t.put("alg nOnE", () -> TokenForge.unsigned(valid().with(p -> p.header().put("alg", "nOnE"))));
        t.put("HS256 keyed with the JWKS document", () -> TokenForge.hs256(hs(), jwks().getBytes(StandardCharsets.UTF_8)));
        t.put("HS256 keyed with the DER public key", () -> TokenForge.hs256(hs(), homeKey().publicKey().getEncoded()));
        t.put("HS256 keyed with the PEM public key", () -> TokenForge.hs256(hs(), ("-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(homeKey().publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII)));
        t.put("HS256 keyed with the modulus", () -> TokenForge.hs256(hs(),
                ((java.security.interfaces.RSAPublicKey) homeKey().publicKey()).getModulus().toByteArray()));
        t.put("HS512 keyed with the JWKS document", () -> TokenForge.hs256(hs().with(p -> p.header().put("alg", "HS512")),
                jwks().getBytes(StandardCharsets.UTF_8)));
        for (String kid : List.of("../../../../../../dev/null", "' OR '1'='1", "x'; drop table signing_keys; --",
                "http://127.0.0.1:1/keys.json", "|cat /etc/passwd", "")) {
            t.put("kid injection " + kid, () -> TokenForge.rs256(valid().with(p -> p.header().put("kid", kid)),
                    TokenForge.ATTACKER.getPrivate()));
        }
        t.put("no kid, attacker key", () -> TokenForge.rs256(valid().with(p -> p.header().remove("kid")),
                TokenForge.ATTACKER.getPrivate()));
        t.put("jku to attacker keys", () -> attackerSigned("jku", "http://127.0.0.1:1/attacker/jwks.json"));
        t.put("x5u to attacker certificate", () -> attackerSigned("x5u", "http://127.0.0.1:1/attacker/cert.pem"));
        t.put("jwk header with the attacker key", () -> attackerSigned("jwk", TokenForge.attackerJwk(kid())));
        t.put("x5c header with garbage", () -> attackerSigned("x5c", List.of("MIIBIjANBgkq")));
        t.put("real kid, attacker signature", () -> TokenForge.rs256(valid(), TokenForge.ATTACKER.getPrivate()));
        t.put("payload swapped under a real signature", () -> {
            String real = TokenForge.rs256(valid(), homeKey());
            String[] parts = real.split("\\.");
            String swapped = valid().with(p -> p.claims().put("oid", other.user().oid())).signingInput().split("\\.")[1];
            return parts[0] + "." + swapped + "." + parts[2];
        });
        t.put("typ JWT", () -> TokenForge.rs256(valid().with(p -> p.header().put("typ", "JWT")), homeKey()));
        t.put("no typ", () -> TokenForge.rs256(valid().with(p -> p.header().remove("typ")), homeKey()));
        t.put("crit header", () -> TokenForge.rs256(valid().with(p -> p.header().put("crit", List.of("exp"))),
                homeKey()));
        t.put("no aud", () -> TokenForge.rs256(valid().with(p -> p.claims().remove("aud")), homeKey()));
        t.put("aud of " + other.slug(), () -> TokenForge.rs256(valid().with(p -> p.claims().put("aud",
                List.of(ctx.mcp(other.slug())))), homeKey()));
        t.put("aud Graph", () -> TokenForge.rs256(valid().with(p -> p.claims().put("aud",
                "https://graph.microsoft.com")), homeKey()));
        t.put("aud the client id (ID token)", () -> TokenForge.rs256(valid().with(p -> {
            p.claims().put("aud", home.clientId());
            p.claims().put("nonce", "n");
        }), homeKey()));
        t.put("iss of " + other.slug(), () -> TokenForge.rs256(valid().with(p -> p.claims().put("iss",
                ctx.issuer(other.slug()))), homeKey()));
        t.put("iss with a trailing slash", () -> TokenForge.rs256(valid().with(p -> p.claims().put("iss",
                ctx.issuer(home.slug()) + "/")), homeKey()));
        t.put("no iss", () -> TokenForge.rs256(valid().with(p -> p.claims().remove("iss")), homeKey()));
        t.put("expired", () -> TokenForge.rs256(valid().with(p -> p.claims().put("exp", now() - 120)), homeKey()));
        t.put("no exp", () -> TokenForge.rs256(valid().with(p -> p.claims().remove("exp")), homeKey()));
        t.put("nbf in the future", () -> TokenForge.rs256(valid().with(p -> p.claims().put("nbf", now() + 600)),
                homeKey()));
        t.put("iat in the future", () -> TokenForge.rs256(valid().with(p -> p.claims().put("iat", now() + 600)),
                homeKey()));
        t.put("sub differs from oid", () -> TokenForge.rs256(valid().with(p -> p.claims().put("sub",
                other.user().oid())), homeKey()));
        t.put("token of " + other.slug() + "'s signed-in user", other::access);
        t.put("token of " + other.slug() + " with home aud, signed by " + other.slug(), () -> TokenForge.rs256(
                valid().with(p -> {
                    p.header().put("kid", key(other).keyId());
                    p.claims().put("iss", ctx.issuer(other.slug()));
                }), key(other)));
        t.put("home token re-signed with " + other.slug() + "'s key", () -> TokenForge.rs256(valid(), key(other)));
        t.put("Entra token of " + other.slug() + "'s directory and app", () -> entra(other, other.entraClientId(),
                c -> { }));
        t.put("Entra token of the home directory for " + other.slug() + "'s app", () -> entra(home,
                other.entraClientId(), c -> { }));
        t.put("Entra token for Graph", () -> entra(home, home.entraClientId(), c -> c.put("aud",
                "00000003-0000-0000-c000-000000000000")));
        t.put("Entra token claiming the home tid, issued by " + other.slug() + "'s directory", () ->
                ctx.running.entra.standIn().sign(other.tid(), entraClaims(home, home.entraClientId()),
                        Duration.ofMinutes(10)));
        t.put("Entra token with tid of " + other.slug(), () -> entra(home, home.entraClientId(),
                c -> c.put("tid", other.tid())));
        t.put("Entra v1 token", () -> entra(home, home.entraClientId(), c -> c.put("ver", "1.0")));
        t.put("Entra ID token (no scp)", () -> entra(home, home.entraClientId(), c -> {
            c.remove("scp");
            c.put("aud", home.entraClientId());
        }));
        t.put("Entra token expired", () -> ctx.running.entra.standIn().sign(home.tid(),
                entraClaims(home, home.entraClientId()), Duration.ofMinutes(-10)));
        t.put("Entra token re-signed with the attacker key", () -> {
            String real = entra(home, home.entraClientId(), c -> { });
            String input = real.substring(0, real.lastIndexOf('.'));
            return resign(input);
        });
        t.put("Entra token with alg none", () -> {
            String real = entra(home, home.entraClientId(), c -> { });
            String[] parts = real.split("\\.");
            return B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + parts[1] + ".";
        });
        t.put("not a JWT", () -> "opaque-" + UUID.randomUUID());
        t.put("JWT of 9000 characters", () -> "a".repeat(3000) + "." + "b".repeat(3000) + "." + "c".repeat(3000));
        return t;
    }

    private List<DynamicTest> transport() {
        List<DynamicTest> out = new ArrayList<>();
        out.add(ctx.tally.test("mcp", home.slug() + " no token", () -> Refusals.challenge(ctx.unchanged(() ->
                        ctx.mcpPost(home.slug(), RunningPlatform.INITIALIZE)), 401,
                "Bearer resource_metadata=\"" + ctx.prm(home.slug()) + "\", scope=\"mcp:tools\"")));
        out.add(ctx.tally.test("mcp", home.slug() + " token in the query string", () -> Refusals.challenge(
                ctx.send(HttpRequest.newBuilder(URI.create(ctx.mcp(home.slug()) + "?access_token=" + home.access()))
                        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(RunningPlatform.INITIALIZE)).build()), 401,
                "Bearer resource_metadata=\"" + ctx.prm(home.slug()) + "\", scope=\"mcp:tools\"")));
        out.add(ctx.tally.test("mcp", home.slug() + " two Authorization headers (valid and forged)", () ->
                Refusals.challenge(ctx.mcpPost(home.slug(), RunningPlatform.INITIALIZE, "Authorization",
                        "Bearer " + home.access(), "Authorization", "Bearer " + other.access()), 401,
                        ctx.invalidTokenChallenge(home.slug()))));
        out.add(ctx.tally.test("mcp", home.slug() + " Basic scheme", () -> Refusals.challenge(ctx.mcpPost(home.slug(),
                RunningPlatform.INITIALIZE, "Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (home.clientId() + ":x").getBytes(StandardCharsets.UTF_8))), 401,
                ctx.invalidTokenChallenge(home.slug()))));
        out.add(ctx.tally.test("session-hijack", home.slug() + " session used at " + other.slug() + " with its token",
                () -> {
                    String session = session(home.slug(), home.access());
                    HttpResponse<String> res = ctx.running.callTool(other.slug(), other.access(), session,
                            "signed_in_user");
                    return Refusals.jsonRpcError(res, 404);
                }));
        out.add(ctx.tally.test("session-hijack", home.slug() + " session used by a colleague", () -> {
            String session = session(home.slug(), home.access());
            String colleague = entra(home, home.entraClientId(), c -> {
                c.put("oid", home.colleague().oid());
                c.put("name", home.colleague().name());
                c.put("preferred_username", home.colleague().username());
            });
            return Refusals.jsonRpcError(ctx.running.callTool(home.slug(), colleague, session, "signed_in_user"), 404);
        }));
        out.add(ctx.tally.test("session-hijack", home.slug() + " session deleted from " + other.slug(), () -> {
            String session = session(home.slug(), home.access());
            HttpResponse<String> res = ctx.send(HttpRequest.newBuilder(URI.create(ctx.mcp(other.slug()))).DELETE()
                    .header("Authorization", "Bearer " + other.access()).header("Mcp-Session-Id", session)
                    .header("MCP-Protocol-Version", "2025-11-25").build());
            HttpResponse<String> still = ctx.running.callTool(home.slug(), home.access(), session, "signed_in_user");
            return Verdict.of(res.statusCode() / 100 == 2 || still.statusCode() != 200,
                    "delete " + res.statusCode() + ", owner afterwards " + still.statusCode(),
                    () -> assertEquals(404, res.statusCode(), res.body()));
        }));
        out.add(ctx.tally.test("dns-rebinding", home.slug() + " Origin of another site", () -> Refusals.jsonRpcError(
                ctx.mcpPost(home.slug(), RunningPlatform.INITIALIZE, "Authorization", "Bearer " + home.access(),
                        "Origin", "https://evil.example"), 403)));
        out.add(ctx.tally.test("dns-rebinding", home.slug() + " Host of another site", () -> {
            int status = rawStatus("POST /t/" + home.slug() + "/mcp HTTP/1.1\r\nHost: evil.example\r\n"
                    + "Authorization: Bearer " + home.access() + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Length: "
                    + RunningPlatform.INITIALIZE.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
                    + RunningPlatform.INITIALIZE);
            return Verdict.of(status / 100 == 2, "status " + status, () -> assertEquals(403, status));
        }));
        out.add(ctx.tally.test("oversized-input", home.slug() + " MCP body over 1 MiB", () -> Refusals.jsonRpcError(
                ctx.mcpPost(home.slug(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\""
                        + "x".repeat(1024 * 1024) + "\"}}", "Authorization", "Bearer " + home.access()), 413)));
        out.add(ctx.tally.test("oversized-input", home.slug() + " Authorization header of 64 KiB", () -> {
            HttpResponse<String> res;
            try {
                res = ctx.mcpPost(home.slug(), RunningPlatform.INITIALIZE, "Authorization",
                        "Bearer " + "a".repeat(64 * 1024));
            } catch (java.io.UncheckedIOException closed) {
                // the HTTP layer may close the connection while the oversized header is still being sent: refused
                return Verdict.of(false, "connection closed before an answer", () -> { });
            }
            return Verdict.of(res.statusCode() / 100 == 2, "" + res.statusCode(), () -> assertTrue(
                    res.statusCode() == 401 || res.statusCode() == 431 || res.statusCode() == 400,
                    "status " + res.statusCode()));
        }));
        return out;
    }

    private List<DynamicTest> toolIsolation() {
        List<String> foreign = List.of(other.tid(), other.user().oid(), other.colleague().oid(),
                other.tenant().id().toString(), other.entraClientId());
        List<DynamicTest> out = new ArrayList<>();
        for (String tool : tools(home)) {
            out.add(ctx.tally.test("tool-isolation", home.slug() + " " + tool + " names nothing of " + other.slug(),
                    () -> {
                        HttpResponse<String> res = ctx.running.callTool(home.slug(), home.access(), tool);
                        List<String> leaked = foreign.stream().filter(res.body()::contains).toList();
                        return Verdict.of(!leaked.isEmpty(), "leaked " + leaked,
                                () -> assertEquals(200, res.statusCode(), res.body()));
                    }));
        }
        return out;
    }

    private List<String> tools(Home h) {
        String session = session(h.slug(), h.access());
        HttpResponse<String> list = ctx.mcpPost(h.slug(), "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}",
                "Authorization", "Bearer " + h.access(), "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
        String body = list.body().startsWith("{") ? list.body() : list.body().lines()
                .filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim()).reduce((a, b) -> b).orElseThrow();
        List<String> names = new ArrayList<>();
        AttackContext.json(body).path("result").path("tools")
                .forEach(t -> names.add(t.path("name").asText()));
        assertFalse(names.isEmpty(), "no tools listed: " + list.body());
        return names;
    }

    private String session(String slug, String token) {
        HttpResponse<String> init = ctx.running.initialize(slug, token);
        assertEquals(200, init.statusCode(), init.body());
        return init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    private HttpResponse<String> mcp(String method, String slug, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ctx.mcp(slug)))
                .header("Authorization", "Bearer " + token).header("MCP-Protocol-Version", "2025-11-25");
        return ctx.send(switch (method) {
            case "POST initialize" -> b.header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(RunningPlatform.INITIALIZE)).build();
            case "POST tools/call" -> b.header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream").header("Mcp-Session-Id", "s-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                            + "\"params\":{\"name\":\"signed_in_user\",\"arguments\":{}}}")).build();
            case "GET stream" -> b.header("Accept", "text/event-stream").header("Mcp-Session-Id", "s-1").GET().build();
            case "DELETE session" -> b.header("Mcp-Session-Id", "s-1").DELETE().build();
            default -> throw new IllegalArgumentException(method);
        });
    }

    private Parts valid() {
        long now = now();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "at+jwt");
        header.put("kid", kid());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ctx.issuer(home.slug()));
        claims.put("aud", List.of(ctx.mcp(home.slug())));
        claims.put("sub", home.user().oid());
        claims.put("oid", home.user().oid());
        claims.put("tid", home.tid());
        claims.put("client_id", home.clientId());
        claims.put("scope", "mcp:tools");
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + 300);
        claims.put("jti", UUID.randomUUID().toString());
        return new Parts(header, claims);
    }

    private Parts hs() {
        return valid().with(p -> p.header().put("alg", "HS256"));
    }

    private String attackerSigned(String header, Object value) {
        return TokenForge.rs256(valid().with(p -> p.header().put(header, value)), TokenForge.ATTACKER.getPrivate());
    }

    private String resign(String signingInput) {
        try {
            java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
            s.initSign(TokenForge.ATTACKER.getPrivate());
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(s.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private JwkRSA homeKey() {
        return key(home);
    }

    private JwkRSA key(Home h) {
        return ctx.running.platform.authorizationServer().tokens().signingKeys().signingKey(h.tenant().id());
    }

    private String kid() {
        return homeKey().keyId();
    }

    private String jwks() {
        return ctx.running.get(ctx.url("/t/" + home.slug() + "/oauth2/jwks")).body();
    }

    /** The claims of a legitimate Entra access token of {@code h}'s user for {@code appId}'s API. */
    private Map<String, Object> entraClaims(Home h, String appId) {
        String token = ctx.running.entra.standIn().accessToken(h.tid(), h.user(), appId,
                "api://" + appId + "/access_as_user");
        JsonNode payload;
        try {
            payload = AttackContext.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = AttackContext.JSON.convertValue(payload, LinkedHashMap.class);
        for (String timing : List.of("exp", "nbf", "iat", "jti")) {
            claims.remove(timing);
        }
        return claims;
    }

    private String entra(Home h, String appId, java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = entraClaims(h, appId);
        change.accept(claims);
        return ctx.running.entra.standIn().sign(h.tid(), claims, Duration.ofMinutes(10));
    }

    private int rawStatus(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", ctx.running.platform.publicPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
