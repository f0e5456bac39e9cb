package io.mcpplatform.server;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.mcpplatform.server.config.ConfigLoader;
import io.mcpplatform.server.config.InvalidConfigException;
import io.mcpplatform.server.config.PlatformConfig;
import io.mcpplatform.server.db.PlatformDatabase;
import io.mcpplatform.server.logging.LogFormats;
import io.mcpplatform.tenants.Tenant;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Entry point: {@code Main} runs the platform with real configuration; {@code Main --migrate-only} applies the schema
 * and exits. Failures to start print one line and exit non-zero (2: configuration, 1: anything else).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        launch(args, ConfigLoader::load, PlatformOptions.defaults());
    }

    /**
     * Shared by {@code main} and the devstack: reads configuration, then migrates only or starts and prints each
     * tenant's MCP URL. Returns the running platform (the JVM keeps running on the server's threads).
     */
    public static Platform launch(String[] args, Supplier<Config> configSource, PlatformOptions options) {
        LogConfig.configureRuntime();
        PlatformConfig config;
        try {
            config = PlatformConfig.create(configSource.get());
        } catch (InvalidConfigException e) {
            throw exit(2, "configuration error: " + e.getMessage());
        }
        LogFormats.install(config.logFormat());
        try {
            if (Arrays.asList(args).contains("--migrate-only")) {
                PlatformDatabase.migrateOnly(config.database(), config.embeddedDatabase(), options.embeddedDatabase())
                        .forEach(line -> System.out.println("mcp-platform: applied migration " + line));
                System.out.println("mcp-platform: schema is up to date");
                System.exit(0);
            }
            Platform platform = Platform.start(config, options);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(platform::close));
            printReady(platform, System.out);
            return platform;
        } catch (InvalidConfigException e) {
            throw exit(2, "configuration error: " + e.getMessage());
        } catch (StartupException e) {
            throw exit(1, e.getMessage());
        } catch (RuntimeException e) {
            // anything else must still end the process: threads of half-started parts would keep it alive forever
            System.getLogger(Main.class.getName()).log(System.Logger.Level.ERROR, "start-up failed", e);
            throw exit(1, "start-up failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void printReady(Platform platform, PrintStream out) {
        long startedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
        out.printf("mcp-platform: ready in %d ms (%s); public %s, admin port %d%n",
                System.currentTimeMillis() - startedAt, platform.startupPhases(), platform.baseUrl(),
                platform.adminPort());
        for (Tenant tenant : platform.activeTenants()) {
            out.printf("mcp-platform: tenant %-16s MCP URL %s%n", tenant.slug(), platform.mcpUrl(tenant.slug()));
        }
        if (platform.activeTenants().isEmpty()) {
            out.println("mcp-platform: no active tenants yet; create one with PUT /admin/v1/tenants/{slug} on the admin socket");
        }
    }

    private static RuntimeException exit(int status, String message) {
        System.err.println("mcp-platform: " + message);
        System.exit(status);
        return new IllegalStateException(message);
    }
}
