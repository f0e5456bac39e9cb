package io.mcpplatform.server.oauth.authorize;

import io.mcpplatform.server.entra.EntraException;
import io.mcpplatform.server.entra.EntraSignIn;
import io.mcpplatform.server.entra.EntraTokens;
import io.mcpplatform.server.oauth.clients.OpaqueValues;
import io.mcpplatform.tenants.Tenant;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-in for Entra: the authorization URL carries state, challenge and nonce; a code is {@code ok:<state>} (or
 * {@code consent-missing:<state>}) and is redeemed only with the verifier whose S256 challenge was sent for that
 * state and the same nonce.
 */
final class FakeEntraSignIn implements EntraSignIn {
    record Sent(String state, String challenge, String nonce, URI redirectUri) {
    }

    final Map<String, Sent> sent = new ConcurrentHashMap<>();
    volatile String oid = "oid-alice";
    volatile String name = "Alice <Admin>";
    volatile String username = "alice@contoso.example";

    @Override
    public URI authorizationUrl(Tenant tenant, URI redirectUri, String state, String codeChallenge, String nonce) {
        sent.put(state, new Sent(state, codeChallenge, nonce, redirectUri));
        return URI.create("https://login.example.test/" + tenant.entra().tenantId() + "/oauth2/v2.0/authorize?client_id="
                + tenant.entra().clientId() + "&state=" + enc(state) + "&code_challenge=" + enc(codeChallenge)
                + "&code_challenge_method=S256&nonce=" + enc(nonce) + "&redirect_uri=" + enc(redirectUri.toString()));
    }

    @Override
    public EntraTokens redeem(Tenant tenant, String code, String codeVerifier, URI redirectUri, String nonce) {
        String[] parts = code.split(":", 2);
        Sent s = parts.length == 2 ? sent.get(parts[1]) : null;
        if (s == null || !OpaqueValues.s256(codeVerifier).equals(s.challenge()) || !s.nonce().equals(nonce)
                || !s.redirectUri().equals(redirectUri)) {
            throw new EntraException("invalid_grant", "AADSTS70008", "code or verifier wrong", null);
        }
        if (parts[0].equals("consent-missing")) {
            throw new EntraException("invalid_grant", "AADSTS65001", "consent missing", null);
        }
        return new EntraTokens("entra-access-" + oid, "entra-refresh", Instant.now().plusSeconds(3600),
                Set.of("api://x/mcp"), tenant.entra().tenantId(), oid, name, username);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
