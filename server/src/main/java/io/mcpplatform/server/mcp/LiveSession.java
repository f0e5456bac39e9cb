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

    private final String owner;

    /**
     * @param owner who opened the session: {@code tid/oid} of the signed-in user, or empty on tenants without sign-in;
     *              only the same user may use the session afterwards
     */
    LiveSession(McpStreamableServerSession sdk, long nowMillis, String owner) {
        this.sdk = sdk;
        this.lastUsedMillis = nowMillis;
        this.owner = owner;
    }

    /** Whether this caller (see {@link #owner(McpTransportContext)}) opened the session. */
    boolean ownedBy(String caller) {
        return owner.equals(caller);
    }

    /** The owner key of the caller of a request: {@code tid/oid}, or empty without sign-in. */
    static String owner(io.modelcontextprotocol.common.McpTransportContext context) {
        return McpRequestContext.user(context).map(u -> u.tid() + "/" + u.oid()).orElse("");
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
