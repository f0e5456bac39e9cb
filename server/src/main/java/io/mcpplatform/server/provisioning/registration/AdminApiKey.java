package io.mcpplatform.server.provisioning.registration;

import java.util.Objects;

/**
 * The operator's credential at the admin API (the bootstrap API key) and the one place that knows how it is sent:
 * {@code Authorization: ApiKey <key>} (the admin API's scheme for operators;
 * {@code Bearer} is for Entra tokens). {@link #toString()} hides the key.
 */
public record AdminApiKey(String key) {
    /** The header that carries the key. */
    public static final String HEADER = "Authorization";

    public AdminApiKey {
        Objects.requireNonNull(key, "key");
        if (key.isBlank() || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("admin API key must be printable ASCII without spaces");
        }
    }

    /** The header's value. */
    public String headerValue() {
        return "ApiKey " + key;
    }

    @Override
    public String toString() {
        return "AdminApiKey[***]";
    }
}
