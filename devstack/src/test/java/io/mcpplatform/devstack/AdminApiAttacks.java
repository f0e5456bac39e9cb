package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.devstack.AttackContext.Home;
import io.mcpplatform.devstack.AttackTally.Verdict;
import org.junit.jupiter.api.DynamicTest;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Credential attacks on the admin socket for one tenant: forged, {@code alg: none}, HS256 keyed with Entra's public
 * key, attacker-signed, expired, other-app, other-directory and platform-issued tokens, and malformed
 * {@code ApiKey} headers, each on a read, a write and an erasure of the tenant. Every one is refused with 401 and the
 * admin API's problem document and challenge, and changes no row (keys, tokens, the tenant's version); a 64 KiB
 * header is refused by the HTTP layer (400) before any route runs.
 */
final class AdminApiAttacks {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String CHALLENGE = "Bearer realm=\"admin\", ApiKey realm=\"admin\"";
    private static final List<String> ADMIN = List.of("Tenant.Admin");

    private final AttackContext ctx;
    private final Home home;
    private final Home other;

    AdminApiAttacks(AttackContext ctx, Home home, Home other) {
        this.ctx = ctx;
        this.home = home;
        this.other = other;
    }

    List<DynamicTest> all() {
        String one = "/admin/v1/tenants/" + home.slug();
        Map<String, String[]> requests = new LinkedHashMap<>();
        requests.put("GET tenant", new String[]{"GET", one});
        requests.put("POST keys/rotate", new String[]{"POST", one + "/keys/rotate"});
        requests.put("DELETE user", new String[]{"DELETE", one + "/users/" + home.user().oid()});
        List<DynamicTest> out = new ArrayList<>();
        for (var credential : credentials().entrySet()) {
            for (var r : requests.entrySet()) {
                out.add(ctx.tally.test("admin-auth", home.slug() + " " + r.getKey() + " with " + credential.getKey(),
                        () -> refused(r.getValue()[0], r.getValue()[1], credential.getValue().get())));
            }
        }
        out.add(ctx.tally.test("admin-auth", home.slug() + " ApiKey of 64 KiB (refused by the HTTP layer)", () -> {
            HttpResponse<String> res;
            try {
                res = ctx.unchanged(() -> ctx.send(HttpRequest.newBuilder(ctx.running.admin(one + "/keys/rotate"))
                        .header("Authorization", "ApiKey " + "k".repeat(65_536))
                        .POST(HttpRequest.BodyPublishers.noBody()).build()));
            } catch (java.io.UncheckedIOException closed) {
                // the HTTP layer may close the connection while the oversized header is still being sent: refused
                return Verdict.of(false, "connection closed before an answer", () -> { });
            }
            return Verdict.of(res.statusCode() / 100 == 2, res.statusCode() + " " + res.body(),
                    () -> assertEquals(400, res.statusCode(), "headers over the server's limit: 400 before routing"));
        }));
        return out;
    }

    /** Header values sent as {@code Authorization} (several: several headers). */
    private Map<String, Supplier<List<String>>> credentials() {
        Map<String, Supplier<List<String>>> c = new LinkedHashMap<>();
        c.put("alg none", () -> bearer(unsigned(adminToken())));
        c.put("re-signed with the attacker key", () -> bearer(TokenForge.rs256(parts(adminToken()),
                TokenForge.ATTACKER.getPrivate())));
        c.put("HS256 keyed with Entra's key set", () -> bearer(TokenForge.hs256(hs(adminToken()),
                entraKeys().getBytes(StandardCharsets.UTF_8))));
        c.put("HS256 keyed with Entra's modulus", () -> bearer(TokenForge.hs256(hs(adminToken()),
                Base64.getUrlDecoder().decode(AttackContext.json(entraKeys()).at("/keys/0/n").asText()))));
        c.put("expired", () -> bearer(ctx.running.entra.standIn().appRoleToken(home.tid(), home.user(),
                home.entraClientId(), ADMIN, Duration.ofMinutes(-10))));
        c.put("another app's token", () -> bearer(ctx.running.entra.standIn().appRoleToken(home.tid(), home.user(),
                UUID.randomUUID().toString(), ADMIN, Duration.ofMinutes(10))));
        c.put(other.slug() + "'s directory signing for this app", () -> {
            Map<String, Object> claims = new LinkedHashMap<>(parts(adminToken()).claims());
            claims.remove("exp");
            claims.remove("iat");
            claims.remove("nbf");
            return bearer(ctx.running.entra.standIn().sign(other.tid(), claims, Duration.ofMinutes(10)));
        });
        c.put("operator role signed by the attacker", () -> bearer(TokenForge.rs256(parts(
                ctx.running.entra.standIn().appRoleToken(io.mcpplatform.devstack.entra.DemoDirectories.DEMO_TID,
                        home.user(), io.mcpplatform.devstack.entra.DemoDirectories.PLATFORM_CLIENT_ID,
                        List.of("Platform.Admin"), Duration.ofMinutes(10))), TokenForge.ATTACKER.getPrivate())));
        c.put("the platform's MCP access token", () -> bearer(home.access()));
        c.put("ApiKey without a key", () -> List.of("ApiKey"));
        c.put("ApiKey blank", () -> List.of("ApiKey    "));
        c.put("ApiKey wrong", () -> List.of("ApiKey not-the-key"));
        c.put("ApiKey with a suffix", () -> List.of("ApiKey " + RunningPlatform.ADMIN_KEY + "x"));
        c.put("ApiKey upper-cased", () -> List.of("ApiKey " + RunningPlatform.ADMIN_KEY.toUpperCase()));
        c.put("ApiKey followed by more", () -> List.of("ApiKey " + RunningPlatform.ADMIN_KEY + " extra"));
        c.put("ApiKey as the configured hash", () -> List.of("ApiKey "
                + io.mcpplatform.devstack.entra.DevSecrets.sha256Hex(RunningPlatform.ADMIN_KEY)));
        c.put("Basic with the key", () -> List.of("Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + RunningPlatform.ADMIN_KEY).getBytes(StandardCharsets.UTF_8))));
        c.put("two Authorization headers (key and forged token)", () -> List.of("ApiKey "
                + RunningPlatform.ADMIN_KEY, "Bearer " + unsigned(adminToken())));
        return c;
    }

    private static List<String> bearer(String token) {
        return List.of("Bearer " + token);
    }

    private String adminToken() {
        return ctx.running.entra.standIn().appRoleToken(home.tid(), home.user(), home.entraClientId(), ADMIN,
                Duration.ofMinutes(10));
    }

    private String entraKeys() {
        return ctx.running.get(java.net.URI.create(ctx.running.entra.standIn().baseUrl() + "/" + home.tid()
                + "/discovery/v2.0/keys")).body();
    }

    private static TokenForge.Parts parts(String token) {
        String[] p = token.split("\\.");
        @SuppressWarnings("unchecked")
        Map<String, Object> header = AttackContext.JSON.convertValue(AttackContext.json(
                new String(Base64.getUrlDecoder().decode(p[0]), StandardCharsets.UTF_8)), LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = AttackContext.JSON.convertValue(AttackContext.json(
                new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8)), LinkedHashMap.class);
        return new TokenForge.Parts(header, claims);
    }

    private static TokenForge.Parts hs(String token) {
        return parts(token).with(p -> p.header().put("alg", "HS256"));
    }

    private static String unsigned(String token) {
        return B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + token.split("\\.")[1] + ".";
    }

    private Verdict refused(String method, String path, List<String> authorization) throws Exception {
        String etag = etag();
        HttpResponse<String> res = ctx.unchanged(() -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(ctx.running.admin(path))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            authorization.forEach(v -> b.header("Authorization", v));
            return ctx.send(b.build());
        });
        if (!etag.equals(etag())) {
            throw new AttackTally.StateChanged("the tenant's version changed");
        }
        return Verdict.of(res.statusCode() / 100 == 2, res.statusCode() + " " + res.body(), () -> {
            assertEquals(401, res.statusCode(), res.body());
            assertEquals("application/problem+json", res.headers().firstValue("Content-Type").orElse(""));
            JsonNode problem = AttackContext.json(res);
            assertEquals("urn:mcp-platform:admin:problem:unauthorized", problem.path("type").asText(), res.body());
            assertEquals(CHALLENGE, res.headers().firstValue("WWW-Authenticate").orElse(""));
        });
    }

    private String etag() {
        return ctx.send(HttpRequest.newBuilder(ctx.running.admin("/admin/v1/tenants/" + home.slug()))
                        .header("Authorization", "ApiKey " + RunningPlatform.ADMIN_KEY).GET().build())
                .headers().firstValue("ETag").orElse("");
    }
}
