package io.mcpplatform.server.config;

import io.mcpplatform.server.admin.auth.AdminApiSettings;
import io.helidon.config.Config;
import io.mcpplatform.server.mcp.McpSettings;
import io.mcpplatform.server.oauth.authorize.OAuthFrontSettings;
import io.mcpplatform.server.oauth.token.TokenSettings;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The whole validated configuration of one platform instance, built once at start-up from the {@code platform} node.
 * Services receive the parts they need through their constructors; nothing looks configuration up later.
 *
 * @param publicSocket     MCP, OAuth and metadata endpoints ({@code platform.public.*})
 * @param adminSocket      health, metrics and the admin API ({@code platform.admin.*})
 * @param externalBaseUrl  the URL clients use to reach the public socket ({@code platform.external-base-url}); empty
 *                         means {@code http://<public host>:<bound port>}, fine only for local use
 * @param database         {@code platform.db.*}
 * @param embeddedDatabase {@code platform.embedded-db.*}
 * @param tenancy          {@code platform.tenants.*}
 * @param shutdownGrace    how long in-flight requests may take to finish on shutdown ({@code platform.shutdown-grace})
 * @param mcp              {@code platform.mcp.*}, the MCP transport's settings
 * @param security         {@code platform.security.*}, the key that seals secrets at rest
 * @param tokens           {@code platform.oauth.*} token lifetimes and key handling
 * @param authorization    {@code platform.oauth.registration.*} and {@code platform.oauth.authorization.*} limits
 * @param limits           {@code platform.limits.*}, platform defaults of per-tenant limits
 * @param logFormat        {@code platform.log.format}: {@code text} (human-readable, the default) or {@code json}
 *                         (one JSON object a line with request id, tenant and user oid)
 * @param adminApi         {@code platform.admin-api.*}: operator credentials of the admin API
 */
public record PlatformConfig(SocketSettings publicSocket,
                             SocketSettings adminSocket,
                             Optional<URI> externalBaseUrl,
                             DatabaseConfig database,
                             EmbeddedDatabaseConfig embeddedDatabase,
                             TenancySettings tenancy,
                             Duration shutdownGrace,
                             McpSettings mcp,
                             SecuritySettings security,
                             TokenSettings tokens,
                             OAuthFrontSettings authorization,
                             LimitSettings limits,
                             LogFormat logFormat,
                             AdminApiSettings adminApi) {

    private static McpSettings mcpSettings(Config node) {
        try {
            return McpSettings.create(node);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("platform." + e.getMessage());
        }
    }

    private static OAuthFrontSettings authorizationSettings(Config node) {
        try {
            return OAuthFrontSettings.create(node);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("platform.oauth: " + e.getMessage());
        }
    }

    /**
     * Reads and validates the {@code platform} node of the root configuration.
     *
     * @throws InvalidConfigException naming the first wrong key
     */
    public static PlatformConfig create(Config root) {
        ConfigValues platform = ConfigValues.of(root.get("platform"));
        SocketSettings publicSocket = SocketSettings.create(platform.child("public"), "127.0.0.1", 8080);
        SocketSettings adminSocket = SocketSettings.create(platform.child("admin"), "127.0.0.1", 9090);
        if (publicSocket.port() != 0 && publicSocket.port() == adminSocket.port()) {
            throw new InvalidConfigException(platform.key("admin.port") + " must differ from "
                    + platform.key("public.port") + " (both are " + publicSocket.port() + ")");
        }
        Optional<URI> external = platform.optionalHttpUrl("external-base-url")
                .map(u -> URI.create(u.toString().replaceAll("/+$", "")));
        return new PlatformConfig(publicSocket,
                adminSocket,
                external,
                DatabaseConfig.create(platform.child("db")),
                EmbeddedDatabaseConfig.create(platform.child("embedded-db")),
                TenancySettings.create(platform.child("tenants")),
                platform.duration("shutdown-grace", Duration.ofSeconds(20), Duration.ZERO, Duration.ofMinutes(10)),
                mcpSettings(platform.node().get("mcp")),
                SecuritySettings.create(platform.child("security")),
                TokenSettings.create(platform.node().get("oauth")),
                authorizationSettings(platform.node().get("oauth")),
                LimitSettings.create(platform.child("limits")),
                LogFormat.create(platform.child("log")),
                AdminApiSettings.create(platform.child("admin-api")));
    }
}
