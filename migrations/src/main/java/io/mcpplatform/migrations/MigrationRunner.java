package io.mcpplatform.migrations;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Applies the platform's Flyway migrations as the schema owner.
 * <ul>
 *     <li>database not reachable (or login refused) → {@link DatabaseUnavailableException};</li>
 *     <li>the database carries a migration newer than this build → {@link SchemaTooNewException}, nothing applied;</li>
 *     <li>a migration fails or the history does not match the code → {@link MigrationException}.</li>
 * </ul>
 * Messages never contain a password. {@code flyway clean} is disabled.
 */
public final class MigrationRunner {

    /** Where the platform's migrations live on the class path. */
    public static final String DEFAULT_LOCATION = "classpath:db/migration";
    /**
     * The newest migration version this build carries; a test keeps it equal to the newest file in
     * {@code db/migration}. A server that does not migrate compares it with the database's {@code schema_version}.
     */
    public static final int CODE_VERSION = 18;
    /** Seconds to wait for a TCP connection and login before giving up. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final List<String> locations;

    /** A runner for the platform's migrations. */
    public MigrationRunner() {
        this(List.of(DEFAULT_LOCATION));
    }

    /**
     * A runner for other migration locations (tests).
     *
     * @param locations Flyway locations, e.g. {@code classpath:db/migration}
     */
    public MigrationRunner(List<String> locations) {
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("at least one migration location is required");
        }
        this.locations = List.copyOf(locations);
    }

    /**
     * Brings the schema up to date.
     *
     * @param settings where and as whom
     * @return what was applied (empty when already up to date)
     * @throws DatabaseUnavailableException when the database cannot be reached or refuses the login
     * @throws SchemaTooNewException        when the database was migrated by a newer build
     * @throws MigrationException           when a migration fails or validation finds a mismatch
     */
    public MigrationResult migrate(MigrationSettings settings) {
        requireReachable(settings);
        Flyway flyway = flyway(settings);
        try {
            rejectFutureVersions(flyway.info());
            MigrateResult result = flyway.migrate();
            List<AppliedMigration> applied = new ArrayList<>();
            for (MigrateOutput m : result.migrations) {
                applied.add(new AppliedMigration(m.version, m.description, m.executionTime));
            }
            return new MigrationResult(result.initialSchemaVersion, currentVersion(flyway.info()), applied);
        } catch (FlywayException e) {
            throw new MigrationException("migration failed on " + settings.hostAndPort() + ": "
                    + oneLine(e.getMessage(), settings), null);
        }
    }

    /**
     * Checks without changing anything: reachable, not too new. Returns the versions this build would still apply.
     *
     * @throws DatabaseUnavailableException when the database cannot be reached or refuses the login
     * @throws SchemaTooNewException        when the database was migrated by a newer build
     */
    public List<String> pending(MigrationSettings settings) {
        requireReachable(settings);
        Flyway flyway = flyway(settings);
        try {
            MigrationInfoService info = flyway.info();
            rejectFutureVersions(info);
            return Arrays.stream(info.pending()).map(i -> i.getVersion().getVersion()).toList();
        } catch (FlywayException e) {
            throw new MigrationException("migration check failed on " + settings.hostAndPort() + ": "
                    + oneLine(e.getMessage(), settings), null);
        }
    }

    private Flyway flyway(MigrationSettings settings) {
        return Flyway.configure(MigrationRunner.class.getClassLoader())
                .dataSource(settings.jdbcUrl(), settings.ownerUser(), settings.ownerPassword())
                .locations(locations.toArray(String[]::new))
                .defaultSchema(settings.schema())
                .schemas(settings.schema())
                .placeholders(Map.of("app_role", settings.appRole()))
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .connectRetries(0)
                .load();
    }

    private static void rejectFutureVersions(MigrationInfoService info) {
        MigrationVersion newestKnown = null;
        MigrationVersion newestFuture = null;
        for (MigrationInfo m : info.all()) {
            if (m.getVersion() == null) {
                continue; // repeatable migrations have no version
            }
            MigrationState state = m.getState();
            if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
                if (newestFuture == null || m.getVersion().isNewerThan(newestFuture.getVersion())) {
                    newestFuture = m.getVersion();
                }
            } else if (state.isResolved()) {
                if (newestKnown == null || m.getVersion().isNewerThan(newestKnown.getVersion())) {
                    newestKnown = m.getVersion();
                }
            }
        }
        if (newestFuture != null) {
            throw new SchemaTooNewException(newestFuture.getVersion(),
                    newestKnown == null ? "(none)" : newestKnown.getVersion());
        }
    }

    private static String currentVersion(MigrationInfoService info) {
        MigrationInfo current = info.current();
        return current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
    }

    private static void requireReachable(MigrationSettings settings) {
        Properties props = new Properties();
        props.setProperty("user", settings.ownerUser());
        props.setProperty("password", settings.ownerPassword());
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        try (Connection ignored = DriverManager.getConnection(settings.jdbcUrl(), props)) {
            // reachable and the login works
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("database unavailable at " + settings.hostAndPort()
                    + " as " + settings.ownerUser() + ": " + oneLine(rootMessage(e), settings));
        }
    }

    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message = message + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** Collapses a message to one line and removes anything that could be the password. */
    static String oneLine(String message, MigrationSettings settings) {
        if (message == null) {
            return "(no detail)";
        }
        String line = message.replaceAll("\\s*\\R\\s*", " ").strip();
        String password = settings.ownerPassword();
        if (!password.isEmpty()) {
            line = line.replace(password, "****");
        }
        return MigrationSettings.maskUrl(line);
    }
}
