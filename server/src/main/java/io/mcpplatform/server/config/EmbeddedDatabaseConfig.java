package io.mcpplatform.server.config;

import java.nio.file.Path;

/**
 * The local default database used when {@code platform.db.url} is empty ({@code platform.embedded-db.*}).
 *
 * @param dataDirectory where PostgreSQL keeps its files between runs
 * @param port          TCP port on 127.0.0.1; {@code 0} picks a free one
 */
public record EmbeddedDatabaseConfig(Path dataDirectory, int port) {

    static EmbeddedDatabaseConfig create(ConfigValues values) {
        return new EmbeddedDatabaseConfig(values.path("data-dir", Path.of(".data", "postgres")),
                values.intInRange("port", 5433, 0, 65535));
    }
}
