package io.mcpplatform.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real clients of {@code tools/e2e} (the official MCP TypeScript SDK, Chromium through playwright-core, the
 * auth proxy) with the project's Node 22. Installs them once per JVM through {@code tools/e2e/install.sh}; a failed
 * install fails the test (never skips). Each script prints one JSON line; its stderr goes to {@code target/e2e/}.
 */
final class NodeTools {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path nodeBin;

    private NodeTools() {
    }

    /** What a script printed and how it exited. */
    record Result(int exitCode, JsonNode json, Path log) {
        JsonNode ok() {
            if (exitCode != 0 || json == null || !json.path("ok").asBoolean(false)) {
                throw new AssertionError("script failed (exit " + exitCode + "): " + json + ", see " + log);
            }
            return json;
        }
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("tools").resolve("e2e"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("tools/e2e not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static synchronized Path nodeBin() throws IOException, InterruptedException {
        if (nodeBin == null) {
            Path log = logDir().resolve("install.log");
            Process install = new ProcessBuilder("bash", root().resolve("tools/e2e/install.sh").toString())
                    .redirectError(log.toFile())
                    .start();
            String out = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!install.waitFor(15, TimeUnit.MINUTES) || install.exitValue() != 0) {
                throw new AssertionError("tools/e2e/install.sh failed, see " + log);
            }
            nodeBin = Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
        }
        return nodeBin;
    }

    /** Runs {@code tools/e2e/<script>} with the arguments and waits (bounded) for its JSON line. */
    static Result run(String script, String logName, List<String> args) throws IOException, InterruptedException {
        Process process = start(script, logName, args);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish in 3 minutes");
        }
        String last = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        return new Result(process.exitValue(), last == null ? null : JSON.readTree(last), logDir().resolve(logName));
    }

    /** Starts a long-running script (the proxy); the caller reads its first JSON line and destroys it. */
    static Process start(String script, String logName, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(nodeBin().resolve("node").toString());
        command.add(root().resolve("tools/e2e").resolve(script).toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(logDir().resolve(logName).toFile());
        builder.environment().put("PATH", nodeBin() + ":" + System.getenv("PATH"));
        return builder.start();
    }

    static JsonNode parse(String line) throws IOException {
        return JSON.readTree(line);
    }

    private static Path logDir() throws IOException {
        return Files.createDirectories(Path.of("target", "e2e").toAbsolutePath());
    }
}
