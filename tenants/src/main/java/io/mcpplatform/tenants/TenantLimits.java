package io.mcpplatform.tenants;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A tenant's own limits; an empty value means "the platform's default" from configuration.
 *
 * @param requestsPerSecond MCP and OAuth requests per second the tenant's endpoints accept (beyond: 429 with
 *                          {@code Retry-After})
 * @param sessions          concurrent MCP sessions the tenant may hold on one instance
 * @param clients           OAuth clients that may be registered for the tenant (dynamic registration and metadata
 *                          documents)
 */
public record TenantLimits(OptionalInt requestsPerSecond, OptionalInt sessions, OptionalInt clients) {
    /** The largest value any limit accepts. */
    public static final int MAX = 1_000_000;

    public TenantLimits {
        requireInRange("requestsPerSecond", requestsPerSecond);
        requireInRange("sessions", sessions);
        requireInRange("clients", clients);
    }

    /** No tenant-specific limit: the platform's defaults apply. */
    public static TenantLimits defaults() {
        return new TenantLimits(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    /** A limit from a nullable column or JSON value. */
    public static OptionalInt of(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static void requireInRange(String name, OptionalInt value) {
        Objects.requireNonNull(value, name);
        if (value.isPresent() && (value.getAsInt() < 1 || value.getAsInt() > MAX)) {
            throw new IllegalArgumentException("limit " + name + " must be between 1 and " + MAX);
        }
    }
}
