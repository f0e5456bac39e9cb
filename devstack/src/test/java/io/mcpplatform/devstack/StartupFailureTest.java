package io.mcpplatform.devstack;

import io.mcpplatform.devstack.db.EmbeddedDatabase;
import io.mcpplatform.devstack.db.EmbeddedDatabaseSettings;
import io.mcpplatform.migrations.MigrationRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up refuses bad configuration and an unreachable database with one clear line, in a real JVM. */
class StartupFailureTest {
    private static final String TEST_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    private record Outcome(int exitCode, List<String> stderr) {
    }

    private static Outcome runMain(Map<String, String> env) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.mcpplatform.server.Main");
        builder.environment().keySet().removeIf(k -> k.startsWith("MCP_") || k.startsWith("DB_"));
        builder.environment().put("MCP_ENCRYPTION_KEY", TEST_KEY);
        builder.environment().putAll(env);
        builder.environment().values().removeIf(String::isEmpty);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "Main did not exit");
        List<String> lines = new String(err, StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("mcp-platform:")).toList();
        return new Outcome(process.exitValue(), lines);
    }

    @Test
    void startWhenPortIsNotANumberThenExit2NamingTheKey() throws Exception {
        Outcome outcome = runMain(Map.of("MCP_PUBLIC_PORT", "eighty"));
        assertEquals(2, outcome.exitCode());
        assertEquals(List.of("mcp-platform: configuration error: platform.public.port must be an integer from 0 to 65535,"
                + " got 'eighty'"), outcome.stderr());
    }

    @Test
    void startWhenNoEncryptionKeyThenExit2NamingTheKey() throws Exception {
        Outcome outcome = runMain(Map.of("MCP_ENCRYPTION_KEY", "", "DB_URL", "jdbc:postgresql://127.0.0.1:1/mcp",
                "DB_USER", "mcp_app", "DB_OWNER_USER", "mcp_owner", "MCP_PUBLIC_PORT", "0", "MCP_ADMIN_PORT", "0"));
        assertEquals(2, outcome.exitCode());
        assertEquals(1, outcome.stderr().size(), outcome.stderr().toString());
        assertTrue(outcome.stderr().getFirst().startsWith("mcp-platform: configuration error: platform.security.encryption-key"),
                outcome.stderr().getFirst());
    }

    @Test
    void startWhenDatabaseUnreachableThenExit1WithOneLineAndNoPassword() throws Exception {
        Outcome outcome = runMain(Map.of("DB_URL", "jdbc:postgresql://127.0.0.1:1/mcp", "DB_USER", "mcp_app",
                "DB_PASSWORD", "app-pw-123", "DB_OWNER_USER", "mcp_owner", "DB_OWNER_PASSWORD", "owner-pw-456",
                "MCP_PUBLIC_PORT", "0", "MCP_ADMIN_PORT", "0"));
        assertEquals(1, outcome.exitCode());
        assertEquals(1, outcome.stderr().size(), outcome.stderr().toString());
        String line = outcome.stderr().getFirst();
        assertTrue(line.contains("127.0.0.1:1"), line);
        assertFalse(line.contains("app-pw-123") || line.contains("owner-pw-456"), line);
    }

    @Test
    void startWhenSchemaNewerThanCodeThenExit1NamingBothVersions(@TempDir Path dir) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(EmbeddedDatabaseSettings.defaults()
                .withDirectory(dir.resolve("pg")).withWorkingDirectory(dir.resolve("work")).withPort(0))) {
            new MigrationRunner().migrate(db.migrationSettings());
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.owner().user(), db.owner().password());
                 Statement s = c.createStatement()) {
                s.executeUpdate("insert into flyway_schema_history (installed_rank, version, description, type, script,"
                        + " checksum, installed_by, execution_time, success) values (100, '99', 'from the future', 'SQL',"
                        + " 'V99__from_the_future.sql', 1, 'mcp_owner', 1, true)");
            }
            Path config = dir.resolve("no-migrate.yaml");
            Files.writeString(config, "platform:\n  db:\n    migrate-on-start: false\n");
            Map<String, String> env = Map.of("DB_URL", db.jdbcUrl(), "DB_USER", db.app().user(),
                    "DB_PASSWORD", db.app().password(), "MCP_PUBLIC_PORT", "0", "MCP_ADMIN_PORT", "0",
                    "MCP_CONFIG", config.toString());

            Outcome outcome = runMain(env);

            assertEquals(1, outcome.exitCode());
            assertEquals(List.of("mcp-platform: database schema is at version 99, newer than this build's "
                    + MigrationRunner.CODE_VERSION + "; deploy the build that migrated it"), outcome.stderr());
        }
    }
}
