package io.mcpplatform.migrations;

import java.io.PrintStream;
import java.util.Map;

/**
 * Runs the migrations once and exits: the entry point of the Helm pre-install/pre-upgrade hook Job.
 * <p>
 * Environment: {@code DB_URL} ({@code jdbc:postgresql://host:port/db}), {@code DB_OWNER_USER},
 * {@code DB_OWNER_PASSWORD}, {@code DB_APP_ROLE} (default {@code mcp_app}), {@code DB_SCHEMA} (default
 * {@code public}). Prints one line per applied migration; exit code 0 on success, 1 on any failure (one line on
 * standard error).
 */
public final class MigrationMain {

    private MigrationMain() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out, System.err));
    }

    /**
     * The whole program, testable.
     *
     * @return the exit code
     */
    static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            MigrationSettings settings = MigrationSettings.fromEnvironment(env);
            MigrationResult result = new MigrationRunner().migrate(settings);
            if (result.applied().isEmpty()) {
                out.println("schema up to date at version " + result.schemaVersionAfter());
            }
            for (AppliedMigration m : result.applied()) {
                out.println("applied " + m);
            }
            return 0;
        } catch (IllegalArgumentException | DatabaseUnavailableException | SchemaTooNewException
                 | MigrationException e) {
            err.println("migration failed: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("migration failed: " + e.getClass().getSimpleName());
            return 1;
        }
    }
}
