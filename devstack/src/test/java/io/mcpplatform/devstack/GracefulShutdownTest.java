package io.mcpplatform.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM with a request in flight: the platform stops accepting, lets the request finish with a full answer, and
 * exits within the grace period. Runs the real dev entry point in its own JVM.
 */
class GracefulShutdownTest {
    private static final Pattern READY = Pattern.compile("ready in \\d+ ms .*public http://127\\.0\\.0\\.1:(\\d+), admin port (\\d+)");

    @Test
    void sigtermWhenRequestInFlightThenRequestCompletesAndProcessExits(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("grace.yaml");
        Files.writeString(config, "platform:\n  shutdown-grace: 10s\n  embedded-db:\n    port: 0\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.mcpplatform.devstack.DevMain")
                .redirectErrorStream(true);
        builder.environment().put("MCP_PUBLIC_PORT", "0");
        builder.environment().put("MCP_ADMIN_PORT", "0");
        builder.environment().put("MCP_DATA_DIR", dir.resolve("pg").toString());
        builder.environment().put("MCP_CONFIG", config.toString());
        builder.environment().put("MCP_STANDIN_ENTRA_PORT", "0");
        builder.environment().put("MCP_STANDIN_GRAPH_PORT", "0");
        Process process = builder.start();
        try {
            int publicPort = awaitReady(process.getInputStream());
            String body = RunningPlatform.INITIALIZE;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket("127.0.0.1", publicPort)) {
                socket.setSoTimeout(15_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /t/conformance/mcp HTTP/1.1\r\nHost: 127.0.0.1:" + publicPort
                        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                        + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                int half = bytes.length / 2;
                out.write(bytes, 0, half);
                out.flush();
                Thread.sleep(300);

                process.destroy(); // SIGTERM
                awaitRefused(publicPort);

                out.write(bytes, half, bytes.length - half);
                out.flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 200"), response);
                assertTrue(response.contains("\"protocolVersion\""), response);
            }
            assertTrue(process.waitFor(15, TimeUnit.SECONDS), "platform did not exit within the grace period");
        } finally {
            process.destroyForcibly();
        }
    }

    /** Reads the platform's output until the ready line (bounded: 2 minutes); returns the public port. */
    static int awaitReady(InputStream output) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        java.util.concurrent.CompletableFuture<Integer> port = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    Matcher m = READY.matcher(line);
                    if (!port.isDone() && m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    } else if (!port.isDone()) {
                        synchronized (seen) {
                            seen.append(line).append('\n');
                        }
                    }
                }
                port.completeExceptionally(new AssertionError("platform exited before it was ready:\n" + seen));
            } catch (java.io.IOException e) {
                port.completeExceptionally(e);
            }
        });
        try {
            return port.get(2, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            synchronized (seen) {
                throw new AssertionError("platform not ready within 2 minutes; its output:\n" + seen);
            }
        }
    }

    /** New connections are refused once shutdown began (bounded wait: 5 s). */
    private static void awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                assertNotNull(probe);
                Thread.sleep(50);
            } catch (ConnectException refused) {
                return;
            } catch (java.io.IOException other) {
                return;
            }
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(),
                "still accepting connections 5 s after SIGTERM");
    }
}
