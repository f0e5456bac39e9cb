package io.mcpplatform.devstack;

import io.mcpplatform.devstack.db.EmbeddedDatabase;
import io.mcpplatform.devstack.db.EmbeddedDatabaseSettings;
import io.mcpplatform.server.config.EmbeddedDatabaseConfig;
import io.mcpplatform.server.db.DatabaseEndpoint;
import io.mcpplatform.server.db.EmbeddedDatabaseProvider;

import java.nio.file.Path;

/**
 * Plugs the embedded PostgreSQL into the server when no database is configured (registered in
 * {@code META-INF/services}). Its working files live next to the data directory, never under {@code /tmp}.
 */
public final class EmbeddedPostgresProvider implements EmbeddedDatabaseProvider {

    @Override
    public StartedDatabase start(EmbeddedDatabaseConfig config) {
        Path data = config.dataDirectory().toAbsolutePath().normalize();
        Path parent = data.getParent() == null ? data : data.getParent();
        EmbeddedDatabase database = EmbeddedDatabase.start(EmbeddedDatabaseSettings.defaults()
                .withDirectory(data)
                .withWorkingDirectory(parent.resolve("epg-work"))
                .withPort(config.port()));
        DatabaseEndpoint endpoint = new DatabaseEndpoint(database.jdbcUrl(), database.app().user(),
                database.app().password(), database.owner().user(), database.owner().password(), database.app().user());
        return new StartedDatabase() {
            @Override
            public DatabaseEndpoint endpoint() {
                return endpoint;
            }

            @Override
            public void close() {
                database.close();
            }
        };
    }
}
