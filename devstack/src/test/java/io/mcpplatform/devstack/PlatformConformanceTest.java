package io.mcpplatform.devstack;

import io.mcpplatform.server.mcp.ConformanceSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official MCP conformance suite against the whole platform as {@code bin/mcp-platform dev} runs it: embedded
 * PostgreSQL, the tenant registry, tenant routing and the {@code conformance} tenant's fixture pack.
 */
class PlatformConformanceTest {

    @Test
    void conformanceSuiteWhenRunAgainstTheConformanceTenantThenEveryActiveScenarioPasses(@TempDir Path dataDir)
            throws Exception {
        ConformanceSuite.Result result;
        try (RunningPlatform running = RunningPlatform.start(dataDir)) {
            result = ConformanceSuite.run(running.platform.mcpUrl(DemoTenants.CONFORMANCE).toString(),
                    Path.of("target", "conformance").toAbsolutePath());
        }
        assertEquals(0, result.failed(), "conformance failures, see " + result.output());
        assertTrue(result.passed() >= 30, "expected at least 30 passing checks, got " + result.passed());
    }
}
