package io.mcpplatform.server.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformConfigTest {

    private static PlatformConfig load(Map<String, String> env) {
        return PlatformConfig.create(ConfigLoader.load(env, List.of()));
    }

    private static String problem(Map<String, String> env) {
        return assertThrows(InvalidConfigException.class, () -> load(env)).getMessage();
    }

    @Test
    void defaultsWhenNothingConfiguredThenLoopbackPortsAndEmbeddedDatabase() {
        PlatformConfig config = load(Map.of());
        assertAll(
                () -> assertEquals(new SocketSettings("127.0.0.1", 8080), config.publicSocket()),
                () -> assertEquals(new SocketSettings("127.0.0.1", 9090), config.adminSocket()),
                () -> assertFalse(config.database().isExternal()),
                () -> assertTrue(config.database().migrateOnStart()),
                () -> assertEquals(Duration.ofSeconds(2), config.tenancy().refreshInterval()),
                () -> assertTrue(config.externalBaseUrl().isEmpty()));
    }

    @Test
    void portsWhenSetByEnvironmentAliasesThenUsed() {
        PlatformConfig config = load(Map.of("MCP_PUBLIC_PORT", "18080", "MCP_ADMIN_PORT", "19090"));
        assertEquals(18080, config.publicSocket().port());
        assertEquals(19090, config.adminSocket().port());
    }

    @Test
    void publicPortWhenNotANumberThenKeyNamed() {
        assertEquals("platform.public.port must be an integer from 0 to 65535, got 'abc'",
                problem(Map.of("MCP_PUBLIC_PORT", "abc")));
    }

    @Test
    void adminPortWhenOutOfRangeThenKeyNamed() {
        assertTrue(problem(Map.of("MCP_ADMIN_PORT", "70000")).startsWith("platform.admin.port must be"));
    }

    @Test
    void portsWhenEqualThenRefused() {
        assertTrue(problem(Map.of("MCP_PUBLIC_PORT", "8081", "MCP_ADMIN_PORT", "8081"))
                .startsWith("platform.admin.port must differ from platform.public.port"));
    }

    @Test
    void externalBaseUrlWhenNotHttpThenKeyNamed() {
        assertTrue(problem(Map.of("MCP_EXTERNAL_BASE_URL", "ftp://example.com"))
                .startsWith("platform.external-base-url must be an absolute http(s) URL"));
    }

    @Test
    void externalBaseUrlWhenTrailingSlashThenTrimmed() {
        assertEquals("https://mcp.example.com",
                load(Map.of("MCP_EXTERNAL_BASE_URL", "https://mcp.example.com/")).externalBaseUrl().orElseThrow().toString());
    }

    @Test
    void databaseUrlWhenNotJdbcPostgresThenKeyNamed() {
        assertEquals("platform.db.url must start with jdbc:postgresql://",
                problem(Map.of("DB_URL", "mysql://x", "DB_USER", "app")));
    }

    @Test
    void databaseUrlWhenUserMissingThenKeyNamed() {
        assertEquals("platform.db.user is required when platform.db.url is set",
                problem(Map.of("DB_URL", "jdbc:postgresql://db:5432/mcp")));
    }

    @Test
    void databaseWhenMigratingWithoutOwnerThenKeyNamed() {
        assertTrue(problem(Map.of("DB_URL", "jdbc:postgresql://db:5432/mcp", "DB_USER", "mcp_app"))
                .startsWith("platform.db.owner-user is required when platform.db.migrate-on-start is true"));
    }

    @Test
    void databaseWhenOwnerIsAppUserThenRefused() {
        assertTrue(problem(Map.of("DB_URL", "jdbc:postgresql://db:5432/mcp", "DB_USER", "mcp",
                "DB_OWNER_USER", "mcp")).startsWith("platform.db.owner-user must differ from platform.db.user"));
    }

    @Test
    void databaseToStringNeverShowsPasswords() {
        PlatformConfig config = load(Map.of("DB_URL", "jdbc:postgresql://db:5432/mcp", "DB_USER", "mcp_app",
                "DB_PASSWORD", "s3cret-app", "DB_OWNER_USER", "mcp_owner", "DB_OWNER_PASSWORD", "s3cret-owner"));
        String text = config.database().toString();
        assertFalse(text.contains("s3cret"), text);
        assertEquals("mcp_app", config.database().appRole());
    }

    @Test
    void durationWhenMalformedThenKeyNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "platform:\n  tenants:\n    refresh-interval: soon\n");
        assertTrue(problem(Map.of("MCP_CONFIG", file.toString()))
                .startsWith("platform.tenants.refresh-interval must be a duration"));
    }

    @Test
    void durationWhenWrittenWithUnitsThenParsed(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "platform:\n  tenants:\n    refresh-interval: 500ms\n  shutdown-grace: PT3S\n");
        PlatformConfig config = load(Map.of("MCP_CONFIG", file.toString()));
        assertEquals(Duration.ofMillis(500), config.tenancy().refreshInterval());
        assertEquals(Duration.ofSeconds(3), config.shutdownGrace());
    }

    @Test
    void mcpSettingWhenOutOfRangeThenFullKeyNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, "platform:\n  mcp:\n    max-request-bytes: 10\n");
        assertTrue(problem(Map.of("MCP_CONFIG", file.toString()))
                .startsWith("platform.mcp.max-request-bytes must be between"));
    }

    @Test
    void configFileWhenMissingThenNamed() {
        assertEquals("MCP_CONFIG names /nonexistent/x.yaml, which is not a readable file",
                assertThrows(InvalidConfigException.class,
                        () -> ConfigLoader.load(Map.of("MCP_CONFIG", "/nonexistent/x.yaml"), List.of())).getMessage());
    }

    @Test
    void booleanWhenNotTrueOrFalseThenKeyNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("b.yaml");
        Files.writeString(file, "platform:\n  db:\n    migrate-on-start: maybe\n");
        assertEquals("platform.db.migrate-on-start must be true or false, got 'maybe'",
                problem(Map.of("MCP_CONFIG", file.toString())));
    }
    @Test
    void limitsWhenNothingConfiguredThenDefaultRateAndTextLogs() {
        PlatformConfig config = load(Map.of());
        assertEquals(LimitSettings.DEFAULT_REQUESTS_PER_SECOND, config.limits().requestsPerSecond());
        assertEquals(LogFormat.TEXT, config.logFormat());
    }

    private static Map<String, String> withRequestRate(String value) throws IOException {
        Path file = Files.createTempDirectory("limits").resolve("limits.yaml");
        Files.writeString(file, "platform:\n  limits:\n    requests-per-second: " + value + "\n");
        return Map.of("MCP_CONFIG", file.toString());
    }

    @Test
    void limitsWhenRequestRateSetThenUsed() throws IOException {
        assertEquals(250, load(withRequestRate("250")).limits().requestsPerSecond());
    }

    @Test
    void limitsWhenRequestRateZeroOrTooLargeThenKeyNamed() throws IOException {
        assertTrue(problem(withRequestRate("0")).startsWith("platform.limits.requests-per-second must be"));
        assertTrue(problem(withRequestRate("1000001")).startsWith("platform.limits.requests-per-second must be"));
    }

    @Test
    void logFormatWhenJsonByEnvironmentThenJson() {
        assertEquals(LogFormat.JSON, load(Map.of("MCP_LOG_FORMAT", "json")).logFormat());
    }

    @Test
    void logFormatWhenUnknownThenKeyNamed() {
        assertEquals("platform.log.format must be text or json, got 'xml'", problem(Map.of("MCP_LOG_FORMAT", "xml")));
    }
}
