package io.mcpplatform.server.mcp;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mcpplatform.server.audit.AuditEvent;
import io.mcpplatform.server.audit.AuditLog;
import io.mcpplatform.server.auth.AuthenticationException;
import io.mcpplatform.server.auth.Authenticator;
import io.mcpplatform.server.auth.UserContext;
import io.mcpplatform.server.logging.RequestContext;
import io.mcpplatform.server.ops.TenantMetrics;
import io.mcpplatform.server.tenancy.TenantDirectory;
import io.mcpplatform.server.tools.ToolPackCatalog;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.store.DatabaseDownException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The MCP endpoint {@code /t/{tenant}/mcp} (Streamable HTTP) for every tenant: resolves the tenant (unknown or
 * disabled → 404, the same for both), applies DNS-rebinding protection and header checks, reads the body within the
 * size limit, and hands the message to the tenant's SDK server, built on first use.
 * <p>
 * Use: {@code new McpEndpoint(directory, catalog, settings, externalBaseUri).routing(routingBuilder)}; {@link #close()}
 * on shutdown.
 */
public final class McpEndpoint implements AutoCloseable {
    /** The path pattern served. */
    public static final String PATH = "/t/{tenant}/mcp";

    private static final Logger LOG = Logger.getLogger(McpEndpoint.class.getName());

    private final TenantDirectory tenants;
    private final McpSettings settings;
    private final Clock clock;
    private final HttpPreconditions preconditions;
    private final JsonRpcReader reader;
    private final McpContextExtractor extractor;
    private final TenantServers servers;
    private final ScheduledExecutorService sweeper;
    private final Authenticator authenticator;
    private final AuditLog audit;
    private final TenantMetrics metrics;

    /**
     * @param tenants         the tenant directory (its change events drop per-tenant servers)
     * @param packs           the known tool packs
     * @param settings        the {@code mcp} settings
     * @param externalBaseUri the platform's public base URL (its host is the only accepted {@code Host}; a loopback
     *                        host accepts every loopback name and port)
     */
    public McpEndpoint(TenantDirectory tenants, ToolPackCatalog packs, McpSettings settings, URI externalBaseUri) {
        this(tenants, packs, settings, externalBaseUri, Clock.systemUTC());
    }

    /**
     * As above, with the clock used for idle-session eviction. Tenants with sign-in are refused (no authenticator);
     * use the constructor with an {@link Authenticator}.
     */
    public McpEndpoint(TenantDirectory tenants, ToolPackCatalog packs, McpSettings settings, URI externalBaseUri,
                       Clock clock) {
        this(tenants, packs, settings, externalBaseUri, clock, Authenticator.SIGN_IN_UNAVAILABLE, AuditLog.NONE);
    }

    /**
     * The full form.
     *
     * @param authenticator who is calling (right after the tenant and origin checks); its user goes into the transport
     *                      context under {@link McpRequestContext#USER}
     * @param audit         records every {@code tools/call} (tenant, user, client, tool name; never arguments)
     */
    public McpEndpoint(TenantDirectory tenants, ToolPackCatalog packs, McpSettings settings, URI externalBaseUri,
                       Clock clock, Authenticator authenticator, AuditLog audit) {
        this(tenants, packs, settings, externalBaseUri, clock, authenticator, audit, TenantMetrics.detached());
    }

    /**
     * The full form with metrics.
     *
     * @param metrics counts {@code tools/call} requests per tenant
     */
    public McpEndpoint(TenantDirectory tenants, ToolPackCatalog packs, McpSettings settings, URI externalBaseUri,
                       Clock clock, Authenticator authenticator, AuditLog audit, TenantMetrics metrics) {
        this.metrics = metrics;
        this.authenticator = authenticator;
        this.audit = audit;
        this.extractor = new McpContextExtractor(new io.mcpplatform.server.oauth.PlatformUrls(externalBaseUri));
        this.tenants = tenants;
        this.settings = settings;
        this.clock = clock;
        ObjectMapper json = new ObjectMapper();
        McpJsonMapper mapper = new JacksonMcpJsonMapper(json);
        this.preconditions = new HttpPreconditions(new OriginPolicy(externalBaseUri, settings.allowedOrigins()),
                settings.protocolVersions());
        this.reader = new JsonRpcReader(json, settings.maxRequestBytes());
        this.servers = new TenantServers(new TenantServerFactory(packs, settings, json, mapper, clock));
        tenants.onChange((slug, now) -> servers.drop(slug));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("mcp-session-sweeper").factory());
        long period = Math.max(1000, Math.min(settings.sessionIdleTimeout().toMillis() / 2,
                Duration.ofMinutes(1).toMillis()));
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /** Registers {@code /t/{tenant}/mcp}: POST, GET and DELETE; any other method gets 405 with {@code Allow}. */
    public void routing(HttpRouting.Builder routing) {
        routing.route(Method.POST, PATH, (req, res) -> handle(req, res, Method.POST))
                .route(Method.GET, PATH, (req, res) -> handle(req, res, Method.GET))
                .route(Method.DELETE, PATH, (req, res) -> handle(req, res, Method.DELETE))
                .any(PATH, (req, res) -> McpHttpErrors.send(res, McpHttpErrors.methodNotAllowed(),
                        "GET, POST, DELETE"));
    }

    /** Closes idle sessions now (also done periodically); returns how many. */
    public int evictIdleSessions() {
        return servers.evictIdle(clock.millis());
    }

    /** Open sessions of a tenant (0 when its server was not built). For tests and metrics. */
    int sessionCount(String slug) {
        return tenants.findActive(slug).map(t -> servers.serverFor(t).transport().sessionCount()).orElse(0);
    }

    /** Sends a notification to every session of a tenant (on their listening streams). */
    void notifyClients(String slug, String method, Object params) {
        tenants.findActive(slug).map(servers::serverFor).ifPresent(s -> {
            if (s.transport() instanceof StreamableTransport t) {
                t.notifyClients(method, params).block();
            }
        });
    }

    /** Closes every tenant's server and session. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        servers.closeAll();
    }

    private void handle(ServerRequest req, ServerResponse res, Method method) {
        String allow = "GET, POST, DELETE";
        try {
            Tenant tenant = tenants.findActive(req.path().pathParameters().get("tenant"))
                    .orElseThrow(McpHttpErrors::tenantNotFound);
            preconditions.checkHostAndOrigin(req);
            Optional<UserContext> user = authenticator.authenticate(tenant, req);
            user.ifPresent(u -> RequestContext.user(u.oid()));
            TenantServer server = servers.serverFor(tenant);
            allow = server.allow();
            McpTransportContext context = extractor.extract(new McpRequestScope(tenant, req, user));
            if (method == Method.POST) {
                preconditions.checkPostHeaders(req);
                McpSchema.JSONRPCMessage message = reader.parse(reader.readBody(req));
                auditToolCall(tenant, user, message);
                if (!(message instanceof McpSchema.JSONRPCRequest r && McpSchema.METHOD_INITIALIZE.equals(r.method()))) {
                    preconditions.checkProtocolVersion(req);
                }
                server.transport().post(req, res, context, message);
            } else if (method == Method.GET) {
                if (!server.stateful()) {
                    throw McpHttpErrors.methodNotAllowed();
                }
                preconditions.checkGetHeaders(req);
                preconditions.checkProtocolVersion(req);
                server.transport().get(req, res, context);
            } else {
                if (!server.stateful()) {
                    throw McpHttpErrors.methodNotAllowed();
                }
                preconditions.checkProtocolVersion(req);
                server.transport().delete(req, res, context);
            }
        } catch (AuthenticationException e) {
            if (!res.isSent()) {
                McpHttpErrors.send(res, McpHttpErrors.unauthenticated(e.status(), e.getMessage(), e.challenge()), allow);
            }
        } catch (McpHttpException e) {
            if (!res.isSent()) {
                McpHttpErrors.send(res, e, allow);
            }
        } catch (DatabaseDownException e) {
            LOG.log(Level.WARNING, "MCP request refused: " + e.getMessage());
            if (!res.isSent()) {
                McpHttpErrors.send(res, McpHttpErrors.temporarilyUnavailable(DatabaseDownException.RETRY_AFTER_SECONDS),
                        allow);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MCP request failed", e);
            if (!res.isSent()) {
                McpHttpErrors.send(res, McpHttpErrors.internal("request could not be processed"), allow);
            }
        }
    }

    /** Records a {@code tools/call} for audit (who, through which client, which tool; never the arguments) and metrics. */
    private void auditToolCall(Tenant tenant, Optional<UserContext> user, McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest r && McpSchema.METHOD_TOOLS_CALL.equals(r.method())) {
            metrics.toolCall(tenant.slug());
            Map<String, Object> detail = new LinkedHashMap<>();
            if (r.params() instanceof Map<?, ?> params && params.get("name") instanceof String name) {
                detail.put("tool", name.length() > 200 ? name.substring(0, 200) : name);
            }
            if (r.id() != null) {
                detail.put("request_id", String.valueOf(r.id()));
            }
            audit.record(new AuditEvent(tenant.id(), user.map(UserContext::oid).orElse(null),
                    user.map(UserContext::clientId).orElse(null), "tools/call", detail));
        }
    }

    private void sweepQuietly() {
        try {
            int n = evictIdleSessions();
            if (n > 0) {
                LOG.fine(() -> "evicted " + n + " idle MCP sessions");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "idle session sweep failed", e);
        }
    }
}
