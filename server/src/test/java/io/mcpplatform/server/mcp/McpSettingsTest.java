package io.mcpplatform.server.mcp;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.mcpplatform.server.tools.ToolPackCatalog;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class McpSettingsTest {

    private static Config mcp(Map<String, String> values) {
        return Config.just(ConfigSources.create(values)).get("mcp");
    }

    @Test
    void createWhenKeysAbsentThenDefaults() {
        McpSettings s = McpSettings.create(mcp(Map.of()));
        assertEquals(1024 * 1024, s.maxRequestBytes());
        assertEquals(Duration.ofMinutes(30), s.sessionIdleTimeout());
        assertFalse(s.fixturesEnabled());
        assertEquals(McpSettings.SUPPORTED_PROTOCOL_VERSIONS, s.protocolVersions());
    }

    @Test
    void createWhenValuesGivenThenParsed() {
        McpSettings s = McpSettings.create(mcp(Map.of("mcp.max-request-bytes", "2048", "mcp.session-idle-timeout",
                "5m", "mcp.sse-keep-alive", "PT20S", "mcp.fixtures-enabled", "true", "mcp.allowed-origins.0",
                "https://App.example.com/")));
        assertEquals(2048, s.maxRequestBytes());
        assertEquals(Duration.ofMinutes(5), s.sessionIdleTimeout());
        assertEquals(Duration.ofSeconds(20), s.sseKeepAlive());
        assertTrue(s.fixturesEnabled());
        assertEquals("https://app.example.com", s.allowedOrigins().getFirst());
    }

    @Test
    void createWhenMaxRequestBytesOutOfRangeThenMessageNamesKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> McpSettings.create(mcp(Map.of("mcp.max-request-bytes", "10"))));
        assertTrue(e.getMessage().startsWith("mcp.max-request-bytes must be between 1024 and 16777216"),
                e.getMessage());
    }

    @Test
    void createWhenProtocolVersionUnknownThenRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> McpSettings.create(mcp(Map.of("mcp.protocol-versions.0", "2024-01-01"))));
        assertTrue(e.getMessage().contains("mcp.protocol-versions"), e.getMessage());
    }

    @Test
    void catalogWhenFixturesDisabledThenNoConformancePack() {
        assertFalse(ToolPackCatalog.standard(false).find("conformance").isPresent());
        assertTrue(ToolPackCatalog.standard(true).find("conformance").isPresent());
        assertEquals(1, ToolPackCatalog.standard(false).packsFor(InMemoryTenantDirectory.tenant("demo",
                io.mcpplatform.tenants.TenantStatus.ACTIVE, io.mcpplatform.tenants.Tenant.McpMode.STATEFUL,
                "echo", "unknown")).size());
    }
}
