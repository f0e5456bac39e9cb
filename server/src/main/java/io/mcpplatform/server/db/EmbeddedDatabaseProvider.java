package io.mcpplatform.server.db;

import io.mcpplatform.server.config.EmbeddedDatabaseConfig;

/**
 * Starts a local PostgreSQL when no database is configured. Found with {@link java.util.ServiceLoader}: the local
 * distribution ({@code devstack}) provides one; production images do not, so there a missing {@code DB_URL} is an
 * error rather than a silent throw-away database.
 */
public interface EmbeddedDatabaseProvider {

    /** Starts (or reuses) the database described by the configuration and returns how to reach it. */
    StartedDatabase start(EmbeddedDatabaseConfig config);

    /** A running local database; closing it stops PostgreSQL. */
    interface StartedDatabase extends AutoCloseable {
        /** How to reach it, with generated credentials for both roles. */
        DatabaseEndpoint endpoint();

        @Override
        void close();
    }
}
