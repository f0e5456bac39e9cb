package io.mcpplatform.server.mcp;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;

import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stateless Streamable HTTP for one tenant: every POST stands alone and is answered as JSON; no sessions, so GET and
 * DELETE are not allowed.
 */
final class StatelessTransport implements McpStatelessServerTransport, TenantTransport {
    private final McpSettings settings;
    private final McpJsonMapper mapper;
    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;

    private final io.mcpplatform.server.tools.ToolVisibility visibility;

    StatelessTransport(McpSettings settings, McpJsonMapper mapper, io.mcpplatform.server.tools.ToolVisibility visibility) {
        this.visibility = visibility;
        this.settings = settings;
        this.mapper = mapper;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler mcpHandler) {
        this.handler = mcpHandler;
    }

    @Override
    public List<String> protocolVersions() {
        return settings.protocolVersions();
    }

    @Override
    public void post(ServerRequest req, ServerResponse res, McpTransportContext context,
                     McpSchema.JSONRPCMessage message) {
        if (closing) {
            throw McpHttpErrors.shuttingDown();
        }
        switch (message) {
            case McpSchema.JSONRPCRequest request -> {
                McpSchema.JSONRPCResponse response = handler.handleRequest(context, request)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                        .block();
                if (response == null) {
                    throw McpHttpErrors.internal("no response was produced");
                }
                var stepUp = McpRequestContext.stepUp(context);
                if (stepUp.isPresent() && stepUp.get().claims().isPresent()) {
                    throw McpHttpErrors.stepUp(request.id(), stepUp.get());
                }
                McpSchema.JSONRPCMessage answer = McpSchema.METHOD_TOOLS_LIST.equals(request.method())
                        ? visibility.filter(response, context, mapper) : response;
                res.status(Status.OK_200);
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.send(json(answer));
            }
            case McpSchema.JSONRPCNotification notification -> {
                handler.handleNotification(context, notification)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                        .block();
                res.status(Status.ACCEPTED_202).send();
            }
            default -> res.status(Status.ACCEPTED_202).send();
        }
    }

    @Override
    public void get(ServerRequest req, ServerResponse res, McpTransportContext context) {
        throw McpHttpErrors.methodNotAllowed();
    }

    @Override
    public void delete(ServerRequest req, ServerResponse res, McpTransportContext context) {
        throw McpHttpErrors.methodNotAllowed();
    }

    @Override
    public int evictIdle(long nowMillis) {
        return 0;
    }

    @Override
    public int sessionCount() {
        return 0;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
