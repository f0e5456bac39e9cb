package io.mcpplatform.server.ops;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import java.util.function.BooleanSupplier;

/**
 * Readiness checks as small named health checks. Liveness never depends on the database: a pod whose database is
 * down must stay alive (and unready) so that it recovers without a restart.
 */
public final class ReadinessChecks {
    private ReadinessChecks() {
    }

    /** A readiness check that is up while {@code up} answers true. */
    public static HealthCheck readiness(String name, BooleanSupplier up) {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResponse call() {
                boolean ok;
                try {
                    ok = up.getAsBoolean();
                } catch (RuntimeException e) {
                    ok = false;
                }
                return HealthCheckResponse.builder().status(ok).build();
            }
        };
    }

    /** A liveness check that reports the process as alive whenever it can answer at all. */
    public static HealthCheck alive() {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.LIVENESS;
            }

            @Override
            public String name() {
                return "process";
            }

            @Override
            public HealthCheckResponse call() {
                return HealthCheckResponse.builder().status(true).build();
            }
        };
    }
}
