package io.mcpplatform.server.mcp;

import io.modelcontextprotocol.spec.McpStreamableServerSession;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** One open session of a tenant: the SDK session plus what the transport tracks about it. */
final class LiveSession {
    private static final int EVENT_LOG_CAPACITY = 256;

    final McpStreamableServerSession sdk;
    final EventLog events = new EventLog(EVENT_LOG_CAPACITY);
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicReference<ListeningStreamTransport> listening = new AtomicReference<>();
    private volatile long lastUsedMillis;

    LiveSession(McpStreamableServerSession sdk, long nowMillis) {
        this.sdk = sdk;
        this.lastUsedMillis = nowMillis;
    }

    String id() {
        return sdk.getId();
    }

    /** Marks the start of a request or stream on this session. */
    void enter(long nowMillis) {
        busy.incrementAndGet();
        lastUsedMillis = nowMillis;
    }

    /** Marks its end. */
    void leave(long nowMillis) {
        lastUsedMillis = nowMillis;
        busy.decrementAndGet();
    }

    /** Whether nothing runs on the session and it was last used before {@code cutoffMillis}. */
    boolean idleSince(long cutoffMillis) {
        return busy.get() == 0 && lastUsedMillis < cutoffMillis;
    }

    /** Makes {@code stream} the session's listening stream, ending the one before. */
    void listenOn(ListeningStreamTransport stream) {
        ListeningStreamTransport previous = listening.getAndSet(stream);
        if (previous != null) {
            previous.close();
        }
    }

    /** Closes the session and its listening stream. */
    void close() {
        ListeningStreamTransport stream = listening.getAndSet(null);
        if (stream != null) {
            stream.close();
        }
        try {
            sdk.closeGracefully().block(java.time.Duration.ofSeconds(5));
        } catch (RuntimeException ignored) {
            // closing is best effort
        }
    }
}
