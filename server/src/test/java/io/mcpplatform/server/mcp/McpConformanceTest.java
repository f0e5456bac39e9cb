package io.mcpplatform.server.mcp;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the official MCP conformance suite (0.1.16, active server scenarios) against the fixture server. Fails (does
 * not skip) when Node or the suite cannot be installed. The suite's output goes to
 * {@code target/conformance/suite-output.txt}.
 */
class McpConformanceTest {
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total: (\\d+) passed, (\\d+) failed");

    @Test
    void conformanceSuiteWhenRunAgainstFixturesThenEveryActiveScenarioPasses() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path tools = root.resolve("tools");
        Path outDir = Path.of("target", "conformance").toAbsolutePath();
        Files.createDirectories(outDir);

        Process install = new ProcessBuilder("bash", tools.resolve("install-node.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(outDir.resolve("install-node.txt").toFile())
                .start();
        assertTrue(install.waitFor(10, TimeUnit.MINUTES), "install-node.sh timed out");
        assertEquals(0, install.exitValue(), "install-node.sh failed: "
                + Files.readString(outDir.resolve("install-node.txt")));

        File output = outDir.resolve("suite-output.txt").toFile();
        try (ConformanceFixtureServer server = ConformanceFixtureServer.start(0)) {
            Process suite = new ProcessBuilder("bash", tools.resolve("conformance.sh").toString(), server.url(),
                    outDir.resolve("results").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output)
                    .start();
            assertTrue(suite.waitFor(10, TimeUnit.MINUTES), "conformance suite timed out");
        }
        String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
        Matcher m = TOTAL.matcher(text);
        assertTrue(m.find(), "no Total line in " + output);
        int passed = Integer.parseInt(m.group(1));
        int failed = Integer.parseInt(m.group(2));
        System.out.println("MCP conformance suite: " + passed + " checks passed, " + failed + " checks failed"
                + " (details in " + output + ")");
        assertEquals(0, failed, "conformance failures, see " + output);
        assertTrue(passed >= 30, "expected at least 30 passing checks, got " + passed);
    }
}
