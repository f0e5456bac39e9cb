package io.mcpplatform.server.db;

import io.mcpplatform.migrations.AppliedMigration;
import io.mcpplatform.migrations.DatabaseUnavailableException;
import io.mcpplatform.migrations.MigrationException;
import io.mcpplatform.migrations.MigrationResult;
import io.mcpplatform.migrations.MigrationRunner;
import io.mcpplatform.migrations.MigrationSettings;
import io.mcpplatform.migrations.SchemaTooNewException;
import io.mcpplatform.server.StartupException;
import io.mcpplatform.server.StartupPhases;
import io.mcpplatform.server.config.DatabaseConfig;
import io.mcpplatform.server.config.EmbeddedDatabaseConfig;
import io.mcpplatform.tenants.TenantRepository;
import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.DatabaseSettings;
import io.mcpplatform.tenants.store.HibernateTenantRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The database as the running server sees it: resolved (configured or embedded), migrated when configured, reached
 * as the application role through Hibernate Reactive, with the repositories built on it.
 */
public final class PlatformDatabase implements AutoCloseable {
    private final Database database;
    private final TenantRepository tenants;
    private final Optional<EmbeddedDatabaseProvider.StartedDatabase> embedded;

    private PlatformDatabase(Database database, Optional<EmbeddedDatabaseProvider.StartedDatabase> embedded) {
        this.database = database;
        this.tenants = new HibernateTenantRepository(database);
        this.embedded = embedded;
    }

    /**
     * Resolves, migrates (when configured) and connects; fails with one line when the database is unreachable or its
     * schema is newer than this build.
     *
     * @throws StartupException with a one-line reason
     */
    public static PlatformDatabase open(DatabaseConfig config, EmbeddedDatabaseConfig embeddedConfig,
                                        Optional<EmbeddedDatabaseProvider> provider, Collection<Class<?>> entities,
                                        StartupPhases phases) {
        Optional<EmbeddedDatabaseProvider.StartedDatabase> embedded = startEmbeddedIfNeeded(config, embeddedConfig, provider);
        embedded.ifPresent(e -> phases.done("embedded postgres"));
        try {
            DatabaseEndpoint endpoint = embedded.map(EmbeddedDatabaseProvider.StartedDatabase::endpoint)
                    .orElseGet(() -> configured(config));
            MigrationRunner runner = new MigrationRunner();
            if (config.migrateOnStart() || embedded.isPresent()) {
                runner.migrate(migrationSettings(endpoint));
                phases.done("migrations");
            }
            Database database = Database.create(DatabaseSettings.parse(endpoint.jdbcUrl(), endpoint.appUser(),
                            endpoint.appPassword())
                    .withPoolSize(config.poolSize())
                    .withConnectTimeout(config.connectTimeout()), entities);
            phases.done("hibernate reactive");
            try {
                requireReachable(database, endpoint, config);
                requireSchemaNotNewer(database);
                phases.done("database check");
            } catch (StartupException e) {
                database.close();
                throw e;
            }
            return new PlatformDatabase(database, embedded);
        } catch (MigrationException | DatabaseUnavailableException | SchemaTooNewException e) {
            embedded.ifPresent(EmbeddedDatabaseProvider.StartedDatabase::close);
            throw new StartupException(e.getMessage(), e);
        } catch (RuntimeException e) {
            embedded.ifPresent(EmbeddedDatabaseProvider.StartedDatabase::close);
            throw e;
        }
    }

    /**
     * Applies migrations and returns a line per applied migration; nothing else is started.
     *
     * @throws StartupException with a one-line reason
     */
    public static List<String> migrateOnly(DatabaseConfig config, EmbeddedDatabaseConfig embeddedConfig,
                                           Optional<EmbeddedDatabaseProvider> provider) {
        Optional<EmbeddedDatabaseProvider.StartedDatabase> embedded = startEmbeddedIfNeeded(config, embeddedConfig, provider);
        try {
            DatabaseEndpoint endpoint = embedded.map(EmbeddedDatabaseProvider.StartedDatabase::endpoint)
                    .orElseGet(() -> configured(config));
            MigrationResult result = new MigrationRunner().migrate(migrationSettings(endpoint));
            return result.applied().stream().map(AppliedMigration::toString).toList();
        } catch (MigrationException | DatabaseUnavailableException | SchemaTooNewException e) {
            throw new StartupException(e.getMessage(), e);
        } finally {
            embedded.ifPresent(EmbeddedDatabaseProvider.StartedDatabase::close);
        }
    }

    private static Optional<EmbeddedDatabaseProvider.StartedDatabase> startEmbeddedIfNeeded(
            DatabaseConfig config, EmbeddedDatabaseConfig embeddedConfig, Optional<EmbeddedDatabaseProvider> provider) {
        if (config.isExternal()) {
            return Optional.empty();
        }
        EmbeddedDatabaseProvider embedded = provider.orElseThrow(() -> new StartupException(
                "platform.db.url (DB_URL) is not set and this distribution has no embedded database;"
                        + " configure PostgreSQL (see README, Configuration reference)"));
        try {
            return Optional.of(embedded.start(embeddedConfig));
        } catch (RuntimeException e) {
            throw new StartupException("embedded PostgreSQL did not start in " + embeddedConfig.dataDirectory()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void requireReachable(Database database, DatabaseEndpoint endpoint, DatabaseConfig config) {
        if (!database.ping(config.connectTimeout())) {
            throw new StartupException("database " + database.settings().hostAndPort() + " is unreachable as role "
                    + endpoint.appUser() + " (check platform.db.url, platform.db.user and platform.db.password)");
        }
    }

    /** A server that did not migrate must still refuse a schema newer than its code (e.g. an image rolled back). */
    private static void requireSchemaNotNewer(Database database) {
        String version;
        try {
            version = database.schemaVersion().orElseThrow(() -> new StartupException(
                    "database schema is not migrated; run bin/mcp-platform migrate (or the Helm migration Job) first"));
        } catch (RuntimeException e) {
            if (e instanceof StartupException startup) {
                throw startup;
            }
            throw new StartupException("database schema is not migrated or not readable by the application role ("
                    + e.getClass().getSimpleName() + "); run bin/mcp-platform migrate first", e);
        }
        int databaseVersion = Integer.parseInt(version.split("\\.")[0]);
        if (databaseVersion > MigrationRunner.CODE_VERSION) {
            throw new StartupException("database schema is at version " + version + ", newer than this build's "
                    + MigrationRunner.CODE_VERSION + "; deploy the build that migrated it");
        }
        if (databaseVersion < MigrationRunner.CODE_VERSION) {
            throw new StartupException("database schema is at version " + version + ", older than this build's "
                    + MigrationRunner.CODE_VERSION + "; run bin/mcp-platform migrate (or the Helm migration Job) first");
        }
    }

    private static DatabaseEndpoint configured(DatabaseConfig config) {
        return new DatabaseEndpoint(config.url().orElseThrow(), config.user(), config.password(), config.ownerUser(),
                config.ownerPassword(), config.appRole());
    }

    private static MigrationSettings migrationSettings(DatabaseEndpoint endpoint) {
        return new MigrationSettings(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword(),
                endpoint.appRole(), MigrationSettings.DEFAULT_SCHEMA);
    }

    /** Tenants. */
    public TenantRepository tenants() {
        return tenants;
    }

    /** The reactive database, for repositories of other features. */
    public Database database() {
        return database;
    }

    /** Whether the database answers a trivial query now (readiness). */
    public boolean ping() {
        return database.ping();
    }

    @Override
    public void close() {
        database.close();
        embedded.ifPresent(EmbeddedDatabaseProvider.StartedDatabase::close);
    }
}
