package io.mcpplatform.server.ops;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.mcpplatform.server.tenancy.TenantDirectory;
import io.mcpplatform.server.tenancy.TenantPath;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts and times every request to an active tenant's endpoints (including refusals of filters behind it, such as
 * the rate limit). Requests for unknown slugs are not labelled (a caller must not be able to add label values).
 */
public final class RequestMetricsFilter implements Filter {
    private final TenantDirectory tenants;
    private final TenantMetrics metrics;

    public RequestMetricsFilter(TenantDirectory tenants, TenantMetrics metrics) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<TenantPath> path = TenantPath.parse(req.path().rawPath())
                .filter(p -> tenants.findActive(p.slug()).isPresent());
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            path.ifPresent(p -> record(p, res.status().code(), Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private void record(TenantPath path, int status, Duration took) {
        metrics.request(path.slug(), path.endpoint().label(), status, took);
        if (path.endpoint() == TenantPath.Endpoint.TOKEN && status == 200) {
            metrics.tokenIssued(path.slug());
        }
    }
}
