package io.mcpplatform.tenants.store;

import io.smallrye.mutiny.Uni;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import io.vertx.core.Vertx;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.vertx.VertxInstance;
import org.hibernate.reactive.provider.ReactiveServiceRegistryBuilder;
import org.hibernate.reactive.provider.Settings;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's reactive connection to PostgreSQL: one Hibernate Reactive {@link Mutiny.SessionFactory} on the
 * Vert.x PostgreSQL client, built in code. Flyway owns the schema ({@code hbm2ddl} is off) and building the factory
 * does not connect, so the server starts (not ready) while the database is down.
 * <p>
 * Each unit of work is one reactive chain, awaited once at the boundary: use {@link #inTransaction(Function)} /
 * {@link #inSession(Function)} from plain or virtual threads; never await inside the chain.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(Database.class.getName());

    /** Entities of this module; others add theirs through {@link #create(DatabaseSettings, Collection)}. */
    public static final List<Class<?>> TENANT_ENTITIES = List.of(TenantEntity.class);
    /** Oldest PostgreSQL major version the SQL we generate must run on (Azure Database for PostgreSQL offers 13+). */
    public static final int MIN_POSTGRES_MAJOR_VERSION = 14;
    /** Default time a {@link #ping()} may take. */
    public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(2);

    private final DatabaseSettings settings;
    private final Mutiny.SessionFactory sessionFactory;
    private final VertxInstance vertx;

    private Database(DatabaseSettings settings, Mutiny.SessionFactory sessionFactory, VertxInstance vertx) {
        this.settings = settings;
        this.sessionFactory = sessionFactory;
        this.vertx = vertx;
    }

    /** A database with the tenant entities. */
    public static Database create(DatabaseSettings settings) {
        return create(settings, TENANT_ENTITIES);
    }

    /**
     * A database with these entity classes (the tenant entities are always included).
     *
     * @param settings validated settings
     * @param entities annotated entity classes
     */
    public static Database create(DatabaseSettings settings, Collection<Class<?>> entities) {
        Objects.requireNonNull(settings, "settings");
        Set<Class<?>> all = new LinkedHashSet<>(TENANT_ENTITIES);
        all.addAll(entities);

        Configuration configuration = new Configuration();
        configuration.setProperty(AvailableSettings.JAKARTA_JDBC_URL, settings.jdbcUrl());
        configuration.setProperty(AvailableSettings.JAKARTA_JDBC_USER, settings.user());
        configuration.setProperty(AvailableSettings.JAKARTA_JDBC_PASSWORD, settings.password());
        configuration.setProperty(AvailableSettings.POOL_SIZE, Integer.toString(settings.poolSize()));
        configuration.setProperty(Settings.POOL_CONNECT_TIMEOUT, Long.toString(settings.connectTimeout().toMillis()));
        // do not connect while booting: the server must start (unready) when the database is down; the dialect then
        // comes from the product name and the oldest major version we support instead of a live connection
        configuration.setProperty(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL");
        configuration.setProperty(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION,
                Integer.toString(MIN_POSTGRES_MAJOR_VERSION));
        configuration.setProperty("hibernate.boot.allow_jdbc_metadata_access", "false");
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "none");
        configuration.setProperty(AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, "none");
        configuration.setProperty(AvailableSettings.SHOW_SQL, "false");
        configuration.setProperty(AvailableSettings.LOG_SESSION_METRICS, "false");
        all.forEach(configuration::addAnnotatedClass);

        var registry = new ReactiveServiceRegistryBuilder()
                .applySettings(configuration.getProperties())
                .build();
        Mutiny.SessionFactory factory = configuration.buildSessionFactory(registry).unwrap(Mutiny.SessionFactory.class);
        LOGGER.fine(() -> "database session factory ready for " + settings);
        return new Database(settings, factory, registry.requireService(VertxInstance.class));
    }

    /** The settings (password masked in their {@code toString()}). */
    public DatabaseSettings settings() {
        return settings;
    }

    /** The underlying factory, for repositories that build their own chains; await each chain once. */
    public Mutiny.SessionFactory sessionFactory() {
        return sessionFactory;
    }

    /**
     * The Vert.x instance under Hibernate Reactive's pool, for the few things the pool cannot do (a connection of its
     * own that LISTENs, see {@link RegistryNotifications}).
     */
    Vertx vertx() {
        return vertx.getVertx();
    }

    /**
     * Runs one unit of work in a transaction and waits for it: the whole chain is built by {@code work} and awaited
     * once here. Callable from virtual threads.
     *
     * @throws DatabaseDownException when the database could not be reached
     * @throws RuntimeException        any other failure of the chain, unwrapped from {@link CompletionException}
     */
    public <T> T inTransaction(Function<Mutiny.Session, Uni<T>> work) {
        return await(sessionFactory.withTransaction(work));
    }

    /**
     * Like {@link #inTransaction(Function)}, scoped to one tenant first ({@link UserScope#applyTenant}, in the same
     * transaction): for tables whose row-level-security policy is on {@code app.tenant_id} alone.
     */
    public <T> T inTenantTransaction(UUID tenantId, Function<Mutiny.Session, Uni<T>> work) {
        Objects.requireNonNull(tenantId, "tenantId");
        return inTransaction(s -> UserScope.applyTenant(s, tenantId).chain(() -> work.apply(s)));
    }

    /** Like {@link #inTransaction(Function)} without a transaction (reads). */
    public <T> T inSession(Function<Mutiny.Session, Uni<T>> work) {
        return await(sessionFactory.withSession(work));
    }

    /** {@link #ping(Duration)} with {@link #DEFAULT_PING_TIMEOUT}. */
    public boolean ping() {
        return ping(DEFAULT_PING_TIMEOUT);
    }

    /**
     * Readiness check: {@code select 1} within the timeout.
     *
     * @return {@code true} when the database answered in time
     */
    public boolean ping(Duration timeout) {
        try {
            Integer one = sessionFactory.withSession(s -> s.createNativeQuery("select 1", Integer.class)
                            .getSingleResult())
                    .ifNoItem().after(timeout).fail()
                    .await().atMost(timeout.plusMillis(500));
            return one != null && one == 1;
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, () -> "database ping to " + settings.hostAndPort() + " failed: "
                    + e.getClass().getSimpleName());
            return false;
        }
    }

    /**
     * The schema version the database is at (the {@code schema_version} view, readable by the application role), or
     * empty when the database was never migrated.
     */
    public Optional<String> schemaVersion() {
        return Optional.ofNullable(inSession(s -> s.createNativeQuery("select version from schema_version", String.class)
                .getSingleResultOrNull()));
    }

    /** Closes the pool and the factory. */
    @Override
    public void close() {
        sessionFactory.close();
    }

    /** Awaits the chain; a failure to reach the database becomes {@link DatabaseDownException}. */
    private static <T> T await(Uni<T> uni) {
        try {
            return uni.await().indefinitely();
        } catch (RuntimeException e) {
            RuntimeException failure = e instanceof CompletionException && e.getCause() instanceof RuntimeException r
                    ? r : e;
            if (!(failure instanceof DatabaseDownException) && DatabaseDownException.isConnectionFailure(failure)) {
                throw new DatabaseDownException(failure);
            }
            throw failure;
        }
    }
}
