package io.mcpplatform.server.mcp;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stateful Streamable HTTP for one tenant: our implementation of the SDK's transport provider on Helidon SE. Keeps the
 * tenant's sessions (capped, evicted when idle), answers POSTs as JSON or SSE, serves the GET listening stream with
 * resumption, and ends sessions on DELETE. Each method runs on the request's virtual thread and joins the SDK's
 * pipeline once.
 */
final class StreamableTransport implements McpStreamableServerTransportProvider, TenantTransport {
    private static final Logger LOG = Logger.getLogger(StreamableTransport.class.getName());

    private final String tenant;
    private final McpSettings settings;
    private final McpJsonMapper mapper;
    private final Clock clock;
    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private volatile McpStreamableServerSession.Factory sessionFactory;
    private volatile boolean closing;

    private final io.mcpplatform.server.tools.ToolVisibility visibility;

    private final int maxSessions;

    /**
     * @param maxSessions sessions the tenant may hold on this instance (its own limit, else the platform default)
     */
    StreamableTransport(String tenant, int maxSessions, McpSettings settings, McpJsonMapper mapper, Clock clock,
                        io.mcpplatform.server.tools.ToolVisibility visibility) {
        this.maxSessions = maxSessions;
        this.visibility = visibility;
        this.tenant = tenant;
        this.settings = settings;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public List<String> protocolVersions() {
        return settings.protocolVersions();
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    @Override
    public void post(ServerRequest req, ServerResponse res, McpTransportContext context,
                     McpSchema.JSONRPCMessage message) {
        if (closing) {
            throw McpHttpErrors.shuttingDown();
        }
        if (message instanceof McpSchema.JSONRPCRequest request
                && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
            initialize(res, context, request);
            return;
        }
        LiveSession session = session(req, context);
        long now = clock.millis();
        session.enter(now);
        try {
            switch (message) {
                case McpSchema.JSONRPCResponse response -> {
                    join(session.sdk.accept(response), context);
                    accepted(res);
                }
                case McpSchema.JSONRPCNotification notification -> {
                    join(session.sdk.accept(notification), context);
                    accepted(res);
                }
                case McpSchema.JSONRPCRequest request -> respond(res, context, session, request);
                default -> throw McpHttpErrors.invalidRequest("unknown message type");
            }
        } finally {
            session.leave(clock.millis());
        }
    }

    private void initialize(ServerResponse res, McpTransportContext context, McpSchema.JSONRPCRequest request) {
        if (sessions.size() >= maxSessions) {
            throw McpHttpErrors.tooManySessions(maxSessions);
        }
        McpSchema.InitializeRequest init;
        try {
            init = mapper.convertValue(request.params(), McpSchema.InitializeRequest.class);
        } catch (IllegalArgumentException e) {
            throw new McpHttpException(400, McpSchema.ErrorCodes.INVALID_PARAMS, "Invalid params: initialize",
                    request.id());
        }
        if (init == null || init.protocolVersion() == null) {
            throw new McpHttpException(400, McpSchema.ErrorCodes.INVALID_PARAMS,
                    "Invalid params: initialize needs protocolVersion", request.id());
        }
        McpStreamableServerSession.McpStreamableServerSessionInit started = sessionFactory.startSession(init);
        McpSchema.InitializeResult result;
        try {
            result = started.initResult().contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        } catch (RuntimeException e) {
            started.session().close();
            throw McpHttpErrors.internal("initialize failed");
        }
        LiveSession session = new LiveSession(started.session(), clock.millis(), LiveSession.owner(context));
        sessions.put(session.id(), session);
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HttpPreconditions.MCP_SESSION_ID, session.id());
        res.send(json(McpSchema.JSONRPCResponse.result(request.id(), result)));
    }

    private void respond(ServerResponse res, McpTransportContext context, LiveSession session,
                         McpSchema.JSONRPCRequest request) {
        StepUp stepUp = McpRequestContext.stepUp(context).orElse(null);
        java.util.function.UnaryOperator<McpSchema.JSONRPCMessage> shape =
                McpSchema.METHOD_TOOLS_LIST.equals(request.method()) && !visibility.isEmpty()
                        ? m -> visibility.filter(m, context, mapper) : m -> m;
        PostResponseTransport answer = new PostResponseTransport(res, mapper, session.id(), stepUp, shape);
        try {
            join(session.sdk.responseStream(request, answer), context);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "request " + request.method() + " failed on tenant " + tenant, e);
            if (!answer.started()) {
                throw McpHttpErrors.internal("request could not be processed");
            }
        } finally {
            answer.close();
        }
        if (answer.withheld()) {
            throw McpHttpErrors.stepUp(request.id(), stepUp);
        }
        if (!answer.started()) {
            throw McpHttpErrors.internal("no response was produced");
        }
    }

    @Override
    public void get(ServerRequest req, ServerResponse res, McpTransportContext context) {
        if (closing) {
            throw McpHttpErrors.shuttingDown();
        }
        LiveSession session = session(req, context);
        session.enter(clock.millis());
        try {
            SseWriter sse = SseWriter.open(res, null);
            ListeningStreamTransport stream = new ListeningStreamTransport(sse, session.events, mapper);
            req.headers().first(HttpPreconditions.LAST_EVENT_ID).ifPresent(stream::replay);
            session.listenOn(stream);
            McpStreamableServerSession.McpStreamableServerSessionStream sdkStream = session.sdk.listeningStream(stream);
            sse.comment("stream open");
            try {
                stream.awaitEnd(settings.sseKeepAlive());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sdkStream.close();
                sse.close();
            }
        } finally {
            session.leave(clock.millis());
        }
    }

    @Override
    public void delete(ServerRequest req, ServerResponse res, McpTransportContext context) {
        LiveSession session = session(req, context);
        if (!sessions.remove(session.id(), session)) {
            throw McpHttpErrors.sessionNotFound();
        }
        session.close();
        res.status(Status.NO_CONTENT_204).send();
    }

    @Override
    public int evictIdle(long nowMillis) {
        long cutoff = nowMillis - settings.sessionIdleTimeout().toMillis();
        int evicted = 0;
        for (LiveSession session : sessions.values()) {
            if (session.idleSince(cutoff) && sessions.remove(session.id(), session)) {
                session.close();
                evicted++;
            }
        }
        return evicted;
    }

    @Override
    public int sessionCount() {
        return sessions.size();
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Flux.fromIterable(sessions.values())
                .flatMap(s -> s.sdk.sendNotification(method, params).onErrorResume(e -> Mono.empty()))
                .then();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            closing = true;
            for (String id : List.copyOf(sessions.keySet())) {
                LiveSession session = sessions.remove(id);
                if (session != null) {
                    session.close();
                }
            }
        });
    }

    /**
     * The session named by the request, if the caller is the user who opened it; another user's session id is
     * answered exactly like an unknown one (404), so a leaked id is worth nothing without its owner's token.
     */
    private LiveSession session(ServerRequest req, McpTransportContext context) {
        LiveSession session = sessions.get(sessionId(req));
        if (session == null || !session.ownedBy(LiveSession.owner(context))) {
            throw McpHttpErrors.sessionNotFound();
        }
        return session;
    }

    private static String sessionId(ServerRequest req) {
        String id = req.headers().first(HttpPreconditions.MCP_SESSION_ID).map(String::trim).orElse("");
        if (id.isEmpty()) {
            throw McpHttpErrors.missingSession();
        }
        return id;
    }

    private static void join(Mono<Void> pipeline, McpTransportContext context) {
        try {
            pipeline.contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        } catch (McpError e) {
            throw McpHttpErrors.invalidRequest(e.getMessage());
        }
    }

    private static void accepted(ServerResponse res) {
        res.status(Status.ACCEPTED_202).send();
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
