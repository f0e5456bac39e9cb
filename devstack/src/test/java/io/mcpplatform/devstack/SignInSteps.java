package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The client's side of a sign-in at the demo tenant, step by step, against any base URL of the platform. */
final class SignInSteps {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SignInSteps() {
    }

    /** Registers a public client (DCR) and returns its client id. */
    static String register(HttpClient http, URI baseUrl, String name, String redirect) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/t/demo/oauth2/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "client_name", name, "redirect_uris", List.of(redirect),
                        "token_endpoint_auth_method", "none"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, res.statusCode(), res.body());
        return JSON.readTree(res.body()).path("client_id").asText();
    }

    /** The authorization request URL with PKCE S256 for the verifier. */
    static String authorizationUrl(URI baseUrl, String clientId, String redirect, String verifier, String state)
            throws Exception {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        return baseUrl + "/t/demo/oauth2/authorize?" + form("response_type", "code",
                "client_id", clientId, "redirect_uri", redirect, "code_challenge", challenge,
                "code_challenge_method", "S256", "state", state, "scope", "mcp:tools",
                "resource", baseUrl + "/t/demo/mcp");
    }

    /** The token request body redeeming a code. */
    static String codeRedemption(URI baseUrl, String code, String redirect, String clientId, String verifier) {
        return form("grant_type", "authorization_code", "code", code, "redirect_uri", redirect, "client_id", clientId,
                "code_verifier", verifier, "resource", baseUrl + "/t/demo/mcp");
    }

    static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(i == 0 ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
