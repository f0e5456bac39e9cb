package io.mcpplatform.devstack;

import io.mcpplatform.server.Main;
import io.mcpplatform.server.PlatformOptions;
import io.mcpplatform.server.config.ConfigLoader;

import java.util.List;
import java.util.Optional;

/**
 * {@code bin/mcp-platform dev}: the whole platform on a laptop — embedded PostgreSQL with persistent data, the demo
 * and conformance tenants, fixtures and the benchmark endpoint on. Configuration overrides work as in production.
 */
public final class DevMain {
    private DevMain() {
    }

    public static void main(String[] args) {
        Main.launch(args, () -> ConfigLoader.load(System.getenv(), List.of("devstack.yaml")),
                new PlatformOptions(Optional.of(new EmbeddedPostgresProvider()), List.of(DemoTenants::seed), true));
    }
}
