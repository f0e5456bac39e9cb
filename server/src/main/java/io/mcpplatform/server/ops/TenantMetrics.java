package io.mcpplatform.server.ops;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Per-tenant meters in the registry that {@code /metrics} on the admin socket serves (Prometheus text). Labels are
 * bounded: the tenant slug (only slugs of active tenants: the registry bounds them), the endpoint kind, the status;
 * never a user, a tool name or anything a caller makes up.
 * <ul>
 *     <li>{@code mcp_platform_requests_total{tenant,endpoint,status}} — answered requests by status class
 *     ({@code 2xx} ...)</li>
 *     <li>{@code mcp_platform_errors_total{tenant,endpoint,status}} — answers with status 400 or more, by status</li>
 *     <li>{@code mcp_platform_request_seconds{tenant,endpoint}} — latency histogram</li>
 *     <li>{@code mcp_platform_rate_limited_total{tenant}} — requests refused by the request-rate limit</li>
 *     <li>{@code mcp_platform_tool_calls_total{tenant}} — {@code tools/call} requests</li>
 *     <li>{@code mcp_platform_obo_calls_total{tenant,outcome}} — on-behalf-of token requests ({@code ok} or the
 *     failure kind)</li>
 *     <li>{@code mcp_platform_tokens_issued_total{tenant}} — access tokens issued by the token endpoint</li>
 * </ul>
 */
public final class TenantMetrics {
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;

    private TenantMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Meters in the registry {@code /metrics} serves. */
    public static TenantMetrics global() {
        return new TenantMetrics(Metrics.globalRegistry());
    }

    /** Meters in a registry of their own that nothing serves (components built without the platform, in tests). */
    public static TenantMetrics detached() {
        return new TenantMetrics(Metrics.createMeterRegistry());
    }

    /** One answered request of a tenant endpoint. */
    public void request(String tenant, String endpoint, int status, Duration took) {
        List<Tag> tags = List.of(Tag.create("tenant", tenant), Tag.create("endpoint", endpoint));
        counter("mcp_platform_requests", List.of(tags.get(0), tags.get(1),
                Tag.create("status", (status / 100) + "xx"))).increment();
        if (status >= 400) {
            counter("mcp_platform_errors", List.of(tags.get(0), tags.get(1),
                    Tag.create("status", Integer.toString(status)))).increment();
        }
        registry.getOrCreate(Timer.builder("mcp_platform_request").tags(tags).buckets(BUCKETS)).record(took);
    }

    /** A request refused by the tenant's request-rate limit. */
    public void rateLimited(String tenant) {
        counter("mcp_platform_rate_limited", List.of(Tag.create("tenant", tenant))).increment();
    }

    /** A {@code tools/call} request reached the tenant's server. */
    public void toolCall(String tenant) {
        counter("mcp_platform_tool_calls", List.of(Tag.create("tenant", tenant))).increment();
    }

    /** An on-behalf-of token request and how it ended ({@code ok} or the failure's kind). */
    public void oboCall(String tenant, String outcome) {
        counter("mcp_platform_obo_calls", List.of(Tag.create("tenant", tenant), Tag.create("outcome", outcome)))
                .increment();
    }

    /** An access token issued by the tenant's token endpoint. */
    public void tokenIssued(String tenant) {
        counter("mcp_platform_tokens_issued", List.of(Tag.create("tenant", tenant))).increment();
    }

    private Counter counter(String name, List<Tag> tags) {
        return registry.getOrCreate(Counter.builder(name).tags(tags));
    }
}
