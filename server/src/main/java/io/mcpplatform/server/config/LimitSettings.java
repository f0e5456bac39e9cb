package io.mcpplatform.server.config;

import io.mcpplatform.tenants.TenantLimits;

/**
 * Platform defaults of the per-tenant limits ({@code platform.limits.*}); a tenant's own {@link TenantLimits} value
 * wins over them. The other two defaults live with their feature: concurrent sessions in
 * {@code platform.mcp.max-sessions-per-tenant}, registered clients in
 * {@code platform.oauth.registration.max-clients-per-tenant}.
 *
 * @param requestsPerSecond MCP, OAuth and metadata requests per second one tenant may make on one instance
 *                          ({@code requests-per-second}, 1 to {@value TenantLimits#MAX}, default 100); beyond it 429
 *                          with {@code Retry-After}
 */
public record LimitSettings(int requestsPerSecond) {
    /** Default requests per second per tenant and instance. */
    public static final int DEFAULT_REQUESTS_PER_SECOND = 100;

    public LimitSettings {
        if (requestsPerSecond < 1 || requestsPerSecond > TenantLimits.MAX) {
            throw new IllegalArgumentException("requests-per-second must be between 1 and " + TenantLimits.MAX);
        }
    }

    /** The defaults. */
    public static LimitSettings defaults() {
        return new LimitSettings(DEFAULT_REQUESTS_PER_SECOND);
    }

    static LimitSettings create(ConfigValues values) {
        return new LimitSettings(values.intInRange("requests-per-second", DEFAULT_REQUESTS_PER_SECOND, 1,
                TenantLimits.MAX));
    }
}
