package io.mcpplatform.server.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Assembles the configuration sources, highest priority first: the documented environment variables
 * ({@link #ENVIRONMENT_ALIASES}), system properties, the file named by {@code MCP_CONFIG}, then {@code application.yaml}
 * on the class path.
 */
public final class ConfigLoader {
    /** Short environment variable names and the configuration key each one sets. */
    public static final Map<String, String> ENVIRONMENT_ALIASES = Map.ofEntries(
            Map.entry("MCP_PUBLIC_HOST", "platform.public.host"),
            Map.entry("MCP_PUBLIC_PORT", "platform.public.port"),
            Map.entry("MCP_ADMIN_HOST", "platform.admin.host"),
            Map.entry("MCP_ADMIN_PORT", "platform.admin.port"),
            Map.entry("MCP_EXTERNAL_BASE_URL", "platform.external-base-url"),
            Map.entry("MCP_LOG_FORMAT", "platform.log.format"),
            Map.entry("MCP_DATA_DIR", "platform.embedded-db.data-dir"),
            Map.entry("DB_URL", "platform.db.url"),
            Map.entry("DB_USER", "platform.db.user"),
            Map.entry("DB_PASSWORD", "platform.db.password"),
            Map.entry("DB_OWNER_USER", "platform.db.owner-user"),
            Map.entry("DB_OWNER_PASSWORD", "platform.db.owner-password"),
            Map.entry("DB_APP_ROLE", "platform.db.app-role"),
            Map.entry("MCP_ENCRYPTION_KEY", "platform.security.encryption-key"),
            Map.entry("MCP_ENCRYPTION_KEY_FILE", "platform.security.encryption-key-file"),
            Map.entry("MCP_ADMIN_BOOTSTRAP_KEY_SHA256", "platform.admin-api.bootstrap-key-sha256"),
            Map.entry("MCP_OPERATOR_TENANT_ID", "platform.admin-api.operator-app.tenant-id"),
            Map.entry("MCP_OPERATOR_CLIENT_ID", "platform.admin-api.operator-app.client-id"));

    private ConfigLoader() {
    }

    /** Loads from the process environment. */
    public static Config load() {
        return load(System.getenv(), java.util.List.of());
    }

    /**
     * Loads with the given environment (tests pass their own).
     *
     * @param environment          environment variables
     * @param classpathDefaults    extra YAML resources between {@code MCP_CONFIG} and {@code application.yaml}
     *                             (the devstack's local defaults)
     * @throws InvalidConfigException when {@code MCP_CONFIG} names a file that does not exist
     */
    public static Config load(Map<String, String> environment, java.util.List<String> classpathDefaults) {
        Map<String, String> aliased = new HashMap<>();
        ENVIRONMENT_ALIASES.forEach((env, key) -> {
            String value = environment.get(env);
            if (value != null && !value.isBlank()) {
                aliased.put(key, value);
            }
        });
        Config.Builder builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(aliased).name("environment variables"))
                .addSource(ConfigSources.systemProperties());
        String file = environment.get("MCP_CONFIG");
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file);
            if (!Files.isReadable(path)) {
                throw new InvalidConfigException("MCP_CONFIG names " + path + ", which is not a readable file");
            }
            builder.addSource(ConfigSources.file(path));
        }
        for (String resource : classpathDefaults) {
            builder.addSource(ConfigSources.classpath(resource));
        }
        builder.addSource(ConfigSources.classpath("application.yaml").optional());
        return builder.build();
    }
}
