package io.mcpplatform.server.mcp;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;

import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The answer to one POSTed request. When the first message the SDK sends is the response itself, it goes out as
 * {@code application/json}; when anything comes first (progress, logging, a sampling or elicitation request), the
 * answer becomes an SSE stream carrying those messages and finally the response.
 */
final class PostResponseTransport implements McpStreamableServerTransport {
    private static final Logger LOG = Logger.getLogger(PostResponseTransport.class.getName());

    private final ServerResponse res;
    private final McpJsonMapper mapper;
    private final String sessionId;
    private String streamId; // only when the answer becomes an SSE stream: most answers are plain JSON
    private final StepUp stepUp;
    private boolean withheld;
    private SseWriter sse;
    private boolean answered;
    private boolean closed;
    private long counter;

    private final java.util.function.UnaryOperator<McpSchema.JSONRPCMessage> shape;

    /**
     * @param shape applied to the response before it is written (per-user filtering of {@code tools/list})
     */
    PostResponseTransport(ServerResponse res, McpJsonMapper mapper, String sessionId, StepUp stepUp,
                          java.util.function.UnaryOperator<McpSchema.JSONRPCMessage> shape) {
        this.stepUp = stepUp;
        this.shape = shape;
        this.res = res;
        this.mapper = mapper;
        this.sessionId = sessionId;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return sendMessage(message, null);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return Mono.fromRunnable(() -> write(message, messageId));
    }

    private synchronized void write(McpSchema.JSONRPCMessage message, String messageId) {
        if (closed || (answered && sse == null)) {
            LOG.fine(() -> "dropped a message after the answer was complete: " + message);
            return;
        }
        McpSchema.JSONRPCMessage shaped = message instanceof McpSchema.JSONRPCResponse ? shape.apply(message) : message;
        if (sse == null && message instanceof McpSchema.JSONRPCResponse) {
            answered = true;
            if (stepUp != null && stepUp.claims().isPresent()) {
                withheld = true; // the transport answers 403 with the step-up challenge instead
                return;
            }
            res.status(Status.OK_200);
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(toJsonBytes(shaped)); // UTF-8 straight from Jackson, no intermediate String
            return;
        }
        String json = toJson(shaped);
        if (sse == null) {
            sse = SseWriter.open(res, sessionId);
        }
        if (messageId == null && streamId == null) {
            streamId = UUID.randomUUID().toString();
        }
        String id = messageId != null ? messageId : streamId + "_" + (++counter);
        if (!sse.event(id, json)) {
            throw new UncheckedIOException(new IOException("client closed the response stream"));
        }
        if (message instanceof McpSchema.JSONRPCResponse) {
            answered = true;
        }
    }

    /** Whether the JSON answer was held back because a tool asked for a step-up. */
    synchronized boolean withheld() {
        return withheld;
    }

    /** Whether anything has been sent. */
    synchronized boolean started() {
        return answered || sse != null;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::close);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (sse != null) {
                sse.close();
            }
        }
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }

    private byte[] toJsonBytes(McpSchema.JSONRPCMessage message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String toJson(McpSchema.JSONRPCMessage message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
