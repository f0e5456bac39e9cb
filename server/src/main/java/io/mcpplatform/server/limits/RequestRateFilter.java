package io.mcpplatform.server.limits;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.mcpplatform.server.tenancy.TenantDirectory;
import io.mcpplatform.server.tenancy.TenantPath;
import io.mcpplatform.tenants.Tenant;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Admits requests to a tenant's endpoints (MCP, OAuth, metadata) within the tenant's request rate; beyond it answers
 * 429 with {@code Retry-After} in the endpoint's own format and nothing reaches the endpoint. Paths that name no
 * active tenant pass untouched (the endpoint answers its own 404), so no state is kept for made-up slugs.
 */
public final class RequestRateFilter implements Filter {
    private final TenantDirectory tenants;
    private final TenantRateLimiter limiter;
    private final TooManyRequests mcp;
    private final TooManyRequests oauth;
    private final Consumer<Tenant> onRefused;

    /**
     * @param tenants   the tenant directory (its change events reset the tenant's bucket)
     * @param limiter   the per-tenant buckets
     * @param mcp       writes the refusal on MCP endpoints
     * @param oauth     writes the refusal on OAuth and metadata endpoints
     * @param onRefused told about each refusal (metrics)
     */
    public RequestRateFilter(TenantDirectory tenants, TenantRateLimiter limiter, TooManyRequests mcp,
                             TooManyRequests oauth, Consumer<Tenant> onRefused) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.mcp = Objects.requireNonNull(mcp, "mcp");
        this.oauth = Objects.requireNonNull(oauth, "oauth");
        this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
        tenants.onChange((slug, now) -> limiter.forget(slug));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<TenantPath> path = TenantPath.parse(req.path().rawPath());
        Optional<Tenant> tenant = path.flatMap(p -> tenants.findActive(p.slug()));
        if (tenant.isPresent()) {
            long retryAfter = limiter.acquire(tenant.get());
            if (retryAfter > 0) {
                onRefused.accept(tenant.get());
                (path.get().endpoint() == TenantPath.Endpoint.MCP ? mcp : oauth).send(res, retryAfter);
                return;
            }
        }
        chain.proceed();
    }
}
