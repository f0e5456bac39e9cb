package io.mcpplatform.server.mcp;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@code text/event-stream} response: one event or comment per call, each flushed at once so that small
 * events are not held back. Thread-safe; a failed write (client gone) marks the writer broken.
 */
final class SseWriter {
    private final OutputStream out;
    private boolean broken;

    private SseWriter(OutputStream out) {
        this.out = out;
    }

    /** Sends the SSE status and headers and returns a writer for the body. */
    static SseWriter open(ServerResponse res, String sessionId) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        if (sessionId != null) {
            res.header(HttpPreconditions.MCP_SESSION_ID, sessionId);
        }
        return new SseWriter(res.outputStream());
    }

    /** Writes one {@code message} event; {@code false} when the client is gone. */
    synchronized boolean event(String id, String json) {
        StringBuilder sb = new StringBuilder(json.length() + 48);
        if (id != null) {
            sb.append("id: ").append(id).append('\n');
        }
        sb.append("event: message\n");
        for (String line : json.split("\n", -1)) {
            sb.append("data: ").append(line).append('\n');
        }
        sb.append('\n');
        return write(sb.toString());
    }

    /** Writes a comment line (keep-alive); {@code false} when the client is gone. */
    synchronized boolean comment(String text) {
        return write(": " + text + "\n\n");
    }

    synchronized boolean broken() {
        return broken;
    }

    /** Ends the response body. */
    synchronized void close() {
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            broken = true;
        }
    }

    private boolean write(String text) {
        if (broken) {
            return false;
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            broken = true;
            return false;
        }
    }
}
