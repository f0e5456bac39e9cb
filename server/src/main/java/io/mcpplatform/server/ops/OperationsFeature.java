package io.mcpplatform.server.ops;

import io.helidon.health.HealthCheck;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import java.util.List;

/**
 * Health ({@code /health/live}, {@code /health/ready}) and Prometheus metrics ({@code /metrics}) on the admin socket
 * only; nothing operational is reachable on the public socket.
 */
public final class OperationsFeature {
    private OperationsFeature() {
    }

    /**
     * Builds the observe feature bound to the named socket.
     *
     * @param socket          the admin socket's name
     * @param readinessChecks checks that must all be up for {@code /health/ready} to answer 200
     */
    public static ObserveFeature create(String socket, List<HealthCheck> readinessChecks) {
        HealthObserver health = HealthObserver.builder()
                .useSystemServices(false)
                .details(true)
                .addCheck(ReadinessChecks.alive())
                .addHealthChecks(readinessChecks)
                .build();
        return ObserveFeature.builder()
                .observersDiscoverServices(false)
                .endpoint("/")
                .sockets(List.of(socket))
                .addObserver(health)
                .addObserver(MetricsObserver.create())
                .build();
    }
}
