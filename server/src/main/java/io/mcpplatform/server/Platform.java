package io.mcpplatform.server;

import io.mcpplatform.server.admin.AdminApi;
import io.mcpplatform.server.admin.onboarding.GraphAccess;
import io.mcpplatform.server.audit.AuditErasure;
import io.mcpplatform.server.entra.credentials.StoredCredentials;
import io.mcpplatform.server.entra.signin.CredentialResolver;
import io.mcpplatform.server.entra.store.UserTokenErasure;
import io.mcpplatform.server.erasure.ErasableData;
import io.mcpplatform.server.oauth.consent.ConsentErasure;
import io.mcpplatform.server.oauth.token.TokenErasure;
import io.mcpplatform.server.obo.store.OboCacheErasure;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.mcpplatform.server.bench.PlainJsonEndpoint;
import io.mcpplatform.server.config.PlatformConfig;
import io.mcpplatform.server.db.PlatformDatabase;
import io.mcpplatform.server.mcp.McpEndpoint;
import io.mcpplatform.server.mcp.McpSettings;
import io.mcpplatform.server.audit.PostgresAuditLog;
import io.mcpplatform.server.crypto.AesGcmSecretBox;
import io.mcpplatform.server.crypto.SecretBox;
import io.mcpplatform.server.graph.GraphConnection;
import io.mcpplatform.server.graph.RetryPolicy;
import io.mcpplatform.server.oauth.AuthorizationServer;
import io.mcpplatform.server.obo.MsalOboBroker;
import io.mcpplatform.server.obo.OboBroker;
import io.mcpplatform.server.obo.store.PostgresOboCacheStore;
import io.mcpplatform.server.erasure.ErasableData;
import io.mcpplatform.server.tools.expenses.ExpensesToolPack;
import io.mcpplatform.server.tools.expenses.store.PostgresExpenseStore;
import io.mcpplatform.server.tools.graph.GraphToolPack;
import io.mcpplatform.server.tools.identity.AdminGroup;
import io.mcpplatform.server.tools.identity.UserGraph;
import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.limits.RequestRateFilter;
import io.mcpplatform.server.limits.TenantRateLimiter;
import io.mcpplatform.server.logging.RequestIdFilter;
import io.mcpplatform.server.mcp.McpHttpErrors;
import io.mcpplatform.server.oauth.token.OAuthErrors;
import io.mcpplatform.server.ops.CountingOboBroker;
import io.mcpplatform.server.ops.OperationsFeature;
import io.mcpplatform.server.ops.RequestMetricsFilter;
import io.mcpplatform.server.ops.TenantMetrics;
import io.mcpplatform.server.ops.ReadinessChecks;
import io.mcpplatform.server.tenancy.CachedTenantDirectory;
import io.mcpplatform.tenants.store.RegistryNotifications;
import io.mcpplatform.server.tools.ToolPackCatalog;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantRepository;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running platform instance: the database, the tenant directory, the MCP endpoint and the two sockets. The same
 * assembly serves {@code main}, the local devstack and the tests.
 */
public final class Platform implements AutoCloseable {
    /** Name of the admin socket. */
    public static final String ADMIN_SOCKET = "admin";
    private static final System.Logger LOG = System.getLogger(Platform.class.getName());
    private static final int AUDIT_QUEUE = 10_000;
    private static final java.time.Duration GRAPH_TIMEOUT = java.time.Duration.ofSeconds(10);
    private static final java.time.Duration HOUSEKEEPING_INTERVAL = java.time.Duration.ofMinutes(10);

    private final PlatformDatabase database;
    private final CachedTenantDirectory directory;
    private final McpEndpoint mcp;
    private final AuthorizationServer oauth;
    private final OboBroker obo;
    private final PostgresAuditLog audit;
    private final WebServer server;
    private final URI baseUrl;
    private final AtomicBoolean draining;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StartupPhases phases;
    private final AdminApi admin;

    private Platform(PlatformDatabase database, CachedTenantDirectory directory, McpEndpoint mcp,
                     AuthorizationServer oauth, OboBroker obo, PostgresAuditLog audit, WebServer server, URI baseUrl,
                     AtomicBoolean draining, StartupPhases phases, AdminApi admin) {
        this.admin = admin;
        this.database = database;
        this.directory = directory;
        this.mcp = mcp;
        this.oauth = oauth;
        this.obo = obo;
        this.audit = audit;
        this.server = server;
        this.baseUrl = baseUrl;
        this.draining = draining;
        this.phases = phases;
    }

    /**
     * Starts everything and returns once both sockets accept connections.
     *
     * @throws RuntimeException with a one-line message when the database is unreachable or its schema is too new
     */
    public static Platform start(PlatformConfig config, PlatformOptions options) {
        StartupPhases phases = new StartupPhases();
        Clock clock = Clock.systemUTC();
        SecretBox box = new AesGcmSecretBox(config.security().requireEncryptionKey());
        PlatformDatabase database = PlatformDatabase.open(config.database(), config.embeddedDatabase(),
                options.embeddedDatabase(), AuthorizationServer.ENTITIES, phases);
        PostgresAuditLog audit = new PostgresAuditLog(database.database(), clock, AUDIT_QUEUE);
        try {
            options.seeders().forEach(seeder -> seeder.accept(database.tenants()));
            CachedTenantDirectory directory = new CachedTenantDirectory(database.tenants());
            phases.done("tenants");
            AtomicBoolean draining = new AtomicBoolean();
            Serving serving = serveWithRetry(config, options, database, directory, box, audit, clock, draining);
            phases.done("web server");
            directory.startPolling(config.tenancy().refreshInterval());
            directory.followSignals(signal -> RegistryNotifications.start(database.database(),
                    config.tenancy().refreshInterval(), signal));
            serving.oauth().startHousekeeping(HOUSEKEEPING_INTERVAL);
            return new Platform(database, directory, serving.mcp(), serving.oauth(), serving.obo(), audit,
                    serving.server(), serving.baseUrl(), draining, phases, serving.admin());
        } catch (RuntimeException e) {
            audit.close();
            database.close();
            throw e;
        }
    }

    /**
     * Binds the sockets. With public port 0 and no external URL the port is chosen before binding (every OAuth URL
     * contains it), so another process can take it in between: then a new port is chosen, at most three times.
     */
    private static Serving serveWithRetry(PlatformConfig config, PlatformOptions options, PlatformDatabase database,
                                          CachedTenantDirectory directory, SecretBox box, PostgresAuditLog audit,
                                          Clock clock, AtomicBoolean draining) {
        boolean portChosenHere = config.publicSocket().port() == 0 && config.externalBaseUrl().isEmpty();
        for (int attempt = 1; ; attempt++) {
            int publicPort = PublicUrl.portToBind(config.externalBaseUrl(), config.publicSocket());
            URI baseUrl = PublicUrl.of(config.externalBaseUrl(), config.publicSocket(), publicPort);
            StoredCredentials storedCredentials = new StoredCredentials(database.database(), box, clock);
            CredentialResolver credentials = new CredentialResolver(System::getenv, storedCredentials::open);
            AuthorizationServer oauth = new AuthorizationServer(directory, database.database(), box,
                    new PlatformUrls(baseUrl), options.metadataDocuments().get(), options.entra(), config.tokens(),
                    config.authorization(), audit, clock, credentials);
            McpSettings mcpSettings = config.mcp();
            TenantMetrics metrics = TenantMetrics.global();
            PostgresOboCacheStore oboCache = new PostgresOboCacheStore(database.database(), box, clock);
            OboBroker obo = new CountingOboBroker(new MsalOboBroker(options.entra(), oauth.upstreamTokens(), oboCache,
                    clock, credentials), metrics);
            UserGraph userGraph = new UserGraph(obo, new GraphConnection(options.graphBaseUrl(),
                    GRAPH_TIMEOUT, RetryPolicy.defaults(clock)));
            AdminGroup adminGroup = new AdminGroup(userGraph, clock);
            GraphToolPack graph = new GraphToolPack(userGraph, adminGroup);
            PostgresExpenseStore expenseStore = new PostgresExpenseStore(database.database(), clock);
            ExpensesToolPack expenses = new ExpensesToolPack(expenseStore, adminGroup, clock);
            ToolPackCatalog catalog = ToolPackCatalog.standard(mcpSettings.fixturesEnabled(), List.of(graph, expenses));
            McpEndpoint mcp = new McpEndpoint(directory, catalog, mcpSettings, baseUrl, clock, oauth.authenticator(),
                    audit, metrics);
            AdminApi admin = new AdminApi(config.adminApi(), database.database(), database.tenants(), oauth, obo,
                    storedCredentials, erasableData(database, oauth, obo, oboCache, audit, expenseStore), catalog::names, audit,
                    baseUrl, new GraphAccess(options.graphBaseUrl(), options.entra().endpoints(), GRAPH_TIMEOUT, clock),
                    clock);
            try {
                WebServer server = webServer(config, options, database, directory, draining, publicPort, oauth, mcp,
                        admin, metrics);
                return new Serving(oauth, mcp, server, baseUrl, obo, admin);
            } catch (RuntimeException e) {
                mcp.close();
                oauth.close();
                if (!portChosenHere || attempt == 3 || !isBindFailure(e)) {
                    throw e;
                }
                LOG.log(Level.INFO, "port " + publicPort + " was taken before the server bound it; choosing another");
            }
        }
    }

    /**
     * Every store of user rows, erased by the admin API on user and tenant erasure. A new store of user data adds its
     * {@link ErasableData} here.
     */
    private static List<ErasableData> erasableData(PlatformDatabase database, AuthorizationServer oauth,
                                                   OboBroker obo, PostgresOboCacheStore oboCache,
                                                   PostgresAuditLog audit,
                                                   PostgresExpenseStore expenses) {
        return List.of(expenses, new ConsentErasure(oauth.consents()),
                new TokenErasure(database.database(), oauth.tokens().refreshTokens()),
                new OboCacheErasure(oboCache, obo),
                new UserTokenErasure(database.database()),
                new AuditErasure(database.database(), audit));
    }

    private static WebServer webServer(PlatformConfig config, PlatformOptions options, PlatformDatabase database,
                                       CachedTenantDirectory directory, AtomicBoolean draining, int publicPort,
                                       AuthorizationServer oauth, McpEndpoint mcp, AdminApi admin,
                                       TenantMetrics metrics) {
        HttpRouting.Builder adminRouting = HttpRouting.builder();
        admin.routing(adminRouting);
        HttpRouting.Builder publicRouting = HttpRouting.builder()
                .addFilter(new RequestIdFilter())
                .addFilter(new RequestMetricsFilter(directory, metrics))
                .addFilter(new RequestRateFilter(directory,
                        new TenantRateLimiter(config.limits().requestsPerSecond(), System::nanoTime),
                        McpHttpErrors::sendTooManyRequests, OAuthErrors::sendTooManyRequests,
                        tenant -> metrics.rateLimited(tenant.slug())));
        mcp.routing(publicRouting);
        oauth.routing(publicRouting);
        if (options.benchmarkEndpoint()) {
            PlainJsonEndpoint.routing(publicRouting);
        }
        return WebServer.builder()
                .shutdownHook(false)
                .host(config.publicSocket().host())
                .port(publicPort)
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .shutdownGracePeriod(config.shutdownGrace())
                .routing(publicRouting)
                .putSocket(ADMIN_SOCKET, adminSocket -> adminSocket
                        .host(config.adminSocket().host())
                        .port(config.adminSocket().port())
                        .connectionOptions(socket -> socket.tcpNoDelay(true))
                        .routing(adminRouting))
                .addFeature(OperationsFeature.create(ADMIN_SOCKET, List.of(
                        ReadinessChecks.readiness("database", database::ping),
                        ReadinessChecks.readiness("tenants", directory::isHealthy),
                        ReadinessChecks.readiness("accepting", () -> !draining.get()))))
                .build()
                .start();
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    private record Serving(AuthorizationServer oauth, McpEndpoint mcp, WebServer server, URI baseUrl, OboBroker obo,
                           AdminApi admin) {
    }

    /** The admin API (its routes, for the OpenAPI test). */
    public AdminApi adminApi() {
        return admin;
    }

    /** The application's database connection (tests check rows with it, under row-level security). */
    public io.mcpplatform.tenants.store.Database database() {
        return database.database();
    }

    /** Writes queued audit entries now (tests). */
    public void flushAudit() {
        audit.flush();
    }

    /** How long each start-up phase took. */
    public StartupPhases startupPhases() {
        return phases;
    }

    /** The bound public port. */
    public int publicPort() {
        return server.port();
    }

    /** The bound admin port. */
    public int adminPort() {
        return server.port(ADMIN_SOCKET);
    }

    /** The URL clients use for the public socket, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The MCP endpoint URL of a tenant. */
    public URI mcpUrl(String slug) {
        return URI.create(baseUrl + "/t/" + slug + "/mcp");
    }

    /** Active tenants as this instance currently sees them. */
    public List<Tenant> activeTenants() {
        return directory.active();
    }

    /** The authorization server (keys, token issuer and verifier), for operations, tests and benchmarks. */
    public AuthorizationServer authorizationServer() {
        return oauth;
    }

    /** On-behalf-of tokens for signed-in users (tools, benchmarks). */
    public OboBroker oboBroker() {
        return obo;
    }

    /** The database's JDBC URL (no credentials), for operations tools and benchmarks. */
    public String databaseUrl() {
        return database.database().settings().jdbcUrl();
    }

    /** The tenant store (for the devstack and tests). */
    public TenantRepository tenantRepository() {
        return database.tenants();
    }

    /** Re-reads the tenant registry now instead of at the next poll. */
    public void refreshTenants() {
        directory.refresh();
    }

    /**
     * Stops gracefully: readiness turns down first, then the server stops accepting and lets in-flight requests
     * finish within the grace period, then MCP sessions, the tenant poller and the database close.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        draining.set(true);
        try {
            server.stop();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Web server stop failed", e);
        }
        mcp.close();
        oauth.close();
        directory.close();
        audit.close();
        database.close();
    }
}
