package io.mcpplatform.migrations;

import java.util.List;

/**
 * What a migration run did.
 *
 * @param schemaVersionBefore version before the run, {@code null} for an empty database
 * @param schemaVersionAfter  version after the run, {@code null} if still empty
 * @param applied             migrations applied by this run, in order; empty when the schema was up to date
 */
public record MigrationResult(String schemaVersionBefore, String schemaVersionAfter, List<AppliedMigration> applied) {

    public MigrationResult {
        applied = List.copyOf(applied);
    }
}
