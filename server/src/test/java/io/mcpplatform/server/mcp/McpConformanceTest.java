package io.mcpplatform.server.mcp;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official MCP conformance suite against the transport and fixture pack alone (no database). Fails, never skips,
 * when Node or the suite cannot be installed.
 */
class McpConformanceTest {

    @Test
    void conformanceSuiteWhenRunAgainstFixturesThenEveryActiveScenarioPasses() throws Exception {
        ConformanceSuite.Result result;
        try (ConformanceFixtureServer server = ConformanceFixtureServer.start(0)) {
            result = ConformanceSuite.run(server.url(), Path.of("target", "conformance").toAbsolutePath());
        }
        assertEquals(0, result.failed(), "conformance failures, see " + result.output());
        assertTrue(result.passed() >= 30, "expected at least 30 passing checks, got " + result.passed());
    }
}
