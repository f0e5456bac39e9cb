package io.mcpplatform.migrations;

/**
 * One migration applied by a run.
 *
 * @param version          its version ({@code "3"} for {@code V3__...})
 * @param description      its description ({@code "create tenant registry"})
 * @param executionMillis  how long it took
 */
public record AppliedMigration(String version, String description, long executionMillis) {

    @Override
    public String toString() {
        return "V" + version + " " + description + " (" + executionMillis + " ms)";
    }
}
