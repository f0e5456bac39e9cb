package io.mcpplatform.server.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;

import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A session's listening stream (the GET): server-initiated messages as SSE events, each first recorded in the
 * session's {@link EventLog} so that a reconnecting client can resume. The GET handler's virtual thread
 * {@linkplain #awaitEnd(Duration) waits} here, sending keep-alive comments, until the stream ends.
 */
final class ListeningStreamTransport implements McpStreamableServerTransport {
    private final SseWriter sse;
    private final EventLog log;
    private final McpJsonMapper mapper;
    private final CountDownLatch ended = new CountDownLatch(1);

    ListeningStreamTransport(SseWriter sse, EventLog log, McpJsonMapper mapper) {
        this.sse = sse;
        this.log = log;
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return sendMessage(message, null);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return Mono.fromRunnable(() -> {
            String json;
            try {
                json = mapper.writeValueAsString(message);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            synchronized (this) {
                long id = log.append(json);
                if (!sse.event(Long.toString(id), json)) {
                    ended.countDown();
                }
            }
        });
    }

    /** Sends what the client missed after {@code lastEventId}. */
    synchronized void replay(String lastEventId) {
        for (EventLog.Event e : log.after(lastEventId)) {
            if (!sse.event(Long.toString(e.id()), e.json())) {
                ended.countDown();
                return;
            }
        }
    }

    /** Blocks until the stream ends (closed by the server or the client went away), sending keep-alives. */
    void awaitEnd(Duration keepAlive) throws InterruptedException {
        while (!ended.await(keepAlive.toMillis(), TimeUnit.MILLISECONDS)) {
            if (!sse.comment("keep-alive")) {
                ended.countDown();
            }
        }
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::close);
    }

    @Override
    public void close() {
        ended.countDown();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }
}
