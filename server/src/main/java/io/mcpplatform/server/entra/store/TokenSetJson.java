package io.mcpplatform.server.entra.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.server.entra.EntraTokens;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** The plaintext form of a token set before sealing: a small JSON object. Lives only in memory. */
final class TokenSetJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenSetJson() {
    }

    static byte[] write(EntraTokens tokens) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", 1);
        node.put("access_token", tokens.accessToken());
        node.put("refresh_token", tokens.refreshToken());
        node.put("expires_at", tokens.expiresAt().toEpochMilli());
        tokens.scopes().stream().sorted().forEach(node.putArray("scopes")::add);
        if (!node.has("scopes")) {
            node.putArray("scopes");
        }
        node.put("tid", tokens.tid());
        node.put("oid", tokens.oid());
        node.put("name", tokens.name());
        node.put("username", tokens.username());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("token set could not be serialised");
        }
    }

    static EntraTokens read(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            Set<String> scopes = new HashSet<>();
            node.path("scopes").forEach(s -> scopes.add(s.asText()));
            return new EntraTokens(node.path("access_token").asText(), node.path("refresh_token").asText(""),
                    Instant.ofEpochMilli(node.path("expires_at").asLong()), scopes, node.path("tid").asText(),
                    node.path("oid").asText(), node.path("name").asText(""), node.path("username").asText(""));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("stored token set is not readable");
        }
    }
}
