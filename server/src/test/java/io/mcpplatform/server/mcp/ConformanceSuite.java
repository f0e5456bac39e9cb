package io.mcpplatform.server.mcp;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the official MCP conformance suite (0.1.16, active server scenarios) through {@code tools/conformance.sh},
 * installing Node 22 and the suite first. Its output goes to a file, never to the build log, so that the test runner's
 * own summary stays the last word.
 */
public final class ConformanceSuite {
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total: (\\d+) passed, (\\d+) failed");

    /** What the suite reported. */
    public record Result(int passed, int failed, Path output) {
    }

    private ConformanceSuite() {
    }

    /**
     * Runs the suite against an MCP URL.
     *
     * @param url    the MCP endpoint
     * @param outDir where the suite's output and results go
     * @throws AssertionError when Node or the suite cannot be installed, or the suite prints no total
     */
    public static Result run(String url, Path outDir) throws IOException, InterruptedException {
        Path tools = repositoryRoot().resolve("tools");
        Files.createDirectories(outDir);
        Path installLog = outDir.resolve("install-node.txt");
        Process install = new ProcessBuilder("bash", tools.resolve("install-node.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(installLog.toFile())
                .start();
        if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
            throw new AssertionError("install-node.sh failed: " + Files.readString(installLog));
        }
        File output = outDir.resolve("suite-output.txt").toFile();
        Process suite = new ProcessBuilder("bash", tools.resolve("conformance.sh").toString(), url,
                outDir.resolve("results").toString())
                .redirectErrorStream(true)
                .redirectOutput(output)
                .start();
        if (!suite.waitFor(10, TimeUnit.MINUTES)) {
            suite.destroyForcibly();
            throw new AssertionError("conformance suite timed out, see " + output);
        }
        String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
        Matcher m = TOTAL.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no Total line in " + output);
        }
        return new Result(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), output.toPath());
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("tools").resolve("conformance.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("tools/conformance.sh not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
