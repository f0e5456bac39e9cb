package io.mcpplatform.server.mcp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-request holder a tool wrapper fills when a handler needs the user to sign in again (an on-behalf-of claims
 * challenge). The transport reads it before writing a JSON answer and then refuses the request with HTTP 403 and a
 * {@code WWW-Authenticate} step-up challenge instead; once the answer streams, the tool's error result stands.
 */
public final class StepUp {
    private final String resourceMetadata;
    private volatile String claims;

    StepUp(String resourceMetadata) {
        this.resourceMetadata = Objects.requireNonNull(resourceMetadata, "resourceMetadata");
    }

    /** Asks for a step-up with this claims challenge (JSON, may be empty). */
    public void require(String claimsChallenge) {
        this.claims = claimsChallenge == null ? "" : claimsChallenge;
    }

    /** The claims challenge, when a step-up was asked for. */
    public Optional<String> claims() {
        return Optional.ofNullable(claims);
    }

    /**
     * {@code Bearer error="insufficient_scope", scope="mcp:tools", resource_metadata="<PRM>", claims="<base64url>"}
     * ({@code claims} left out when the challenge is empty).
     */
    String challenge() {
        String value = "Bearer error=\"insufficient_scope\", scope=\"mcp:tools\", resource_metadata=\""
                + resourceMetadata + "\"";
        String c = claims == null ? "" : claims;
        return c.isEmpty() ? value : value + ", claims=\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(c.getBytes(StandardCharsets.UTF_8)) + "\"";
    }
}
