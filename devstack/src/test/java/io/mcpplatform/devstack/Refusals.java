package io.mcpplatform.devstack;

import io.mcpplatform.devstack.AttackTally.Verdict;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Judges an answer to an attack: first whether the platform accepted it (the attacker got what they asked for), then
 * whether the refusal was the precise one the protocol prescribes (status, OAuth error code, challenge, page).
 */
final class Refusals {
    private Refusals() {
    }

    /** A JSON OAuth error (token, revocation, registration endpoints): accepted when the answer is 2xx. */
    static Verdict oauthError(HttpResponse<String> res, int status, String error) {
        return Verdict.of(res.statusCode() / 100 == 2, res.statusCode() + " " + res.body(), () -> {
            assertEquals(status, res.statusCode(), res.body());
            assertEquals(error, AttackContext.json(res).path("error").asText(), res.body());
            assertEquals("no-store", res.headers().firstValue("Cache-Control").orElse(""));
        });
    }

    /**
     * An HTML error page of the authorization front: accepted when the answer redirects anywhere (to Entra, to the
     * client, to an attacker) instead; the page carries the no-framing headers.
     */
    static Verdict page(HttpResponse<String> res, int status) {
        Optional<String> location = res.headers().firstValue("Location");
        return Verdict.of(location.isPresent() || res.statusCode() / 100 == 2,
                res.statusCode() + " Location=" + location.orElse("-"), () -> {
                    assertEquals(status, res.statusCode(), res.body());
                    assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
                    assertEquals("DENY", res.headers().firstValue("X-Frame-Options").orElse(""));
                });
    }

    /**
     * An error sent back to the (validated) client redirect URI: accepted when the answer goes anywhere else, or
     * carries a code instead of an error.
     */
    static Verdict redirectError(HttpResponse<String> res, String redirect, String error, String state, String issuer) {
        String location = res.headers().firstValue("Location").orElse("");
        Map<String, String> params = location.isEmpty() ? Map.of() : ScriptedBrowser.query(URI.create(location));
        boolean accepted = !location.startsWith(redirect + "?") || params.containsKey("code")
                || !params.containsKey("error");
        return Verdict.of(accepted, res.statusCode() + " Location=" + location, () -> {
            assertEquals(302, res.statusCode(), res.body());
            assertEquals(error, params.get("error"), location);
            assertEquals(state, params.get("state"), location);
            assertEquals(issuer, params.get("iss"), location);
        });
    }

    /** 401 with exactly {@code challenge} at the MCP endpoint: accepted when the answer is 2xx. */
    static Verdict challenge(HttpResponse<String> res, int status, String challenge) {
        return Verdict.of(res.statusCode() / 100 == 2, res.statusCode() + " " + res.body(), () -> {
            assertEquals(status, res.statusCode(), res.body());
            assertEquals(challenge, res.headers().firstValue("WWW-Authenticate").orElse(""));
            assertFalse(res.headers().allValues("Mcp-Session-Id").iterator().hasNext(), "a session was opened");
        });
    }

    /** A JSON-RPC error body with an HTTP status (MCP transport refusals): accepted when the answer is 2xx. */
    static Verdict jsonRpcError(HttpResponse<String> res, int status) {
        return Verdict.of(res.statusCode() / 100 == 2, res.statusCode() + " " + res.body(), () -> {
            assertEquals(status, res.statusCode(), res.body());
            if (!res.body().isEmpty()) {
                assertTrue(AttackContext.json(res).path("error").has("code"), res.body());
            }
        });
    }
}
