package io.mcpplatform.server;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.mcpplatform.server.bench.PlainJsonEndpoint;
import io.mcpplatform.server.config.PlatformConfig;
import io.mcpplatform.server.db.PlatformDatabase;
import io.mcpplatform.server.mcp.McpEndpoint;
import io.mcpplatform.server.mcp.McpSettings;
import io.mcpplatform.server.ops.OperationsFeature;
import io.mcpplatform.server.ops.ReadinessChecks;
import io.mcpplatform.server.tenancy.CachedTenantDirectory;
import io.mcpplatform.server.tools.ToolPackCatalog;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantRepository;

import java.lang.System.Logger.Level;
import java.net.URI;
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

    private final PlatformDatabase database;
    private final CachedTenantDirectory directory;
    private final McpEndpoint mcp;
    private final WebServer server;
    private final URI baseUrl;
    private final AtomicBoolean draining;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StartupPhases phases;

    private Platform(PlatformDatabase database, CachedTenantDirectory directory, McpEndpoint mcp, WebServer server,
                     URI baseUrl, AtomicBoolean draining, StartupPhases phases) {
        this.database = database;
        this.directory = directory;
        this.mcp = mcp;
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
        PlatformDatabase database = PlatformDatabase.open(config.database(), config.embeddedDatabase(),
                options.embeddedDatabase(), phases);
        try {
            options.seeders().forEach(seeder -> seeder.accept(database.tenants()));
            CachedTenantDirectory directory = new CachedTenantDirectory(database.tenants());
            phases.done("tenants");
            AtomicBoolean draining = new AtomicBoolean();
            McpSettings mcpSettings = config.mcp();
            ToolPackCatalog packs = ToolPackCatalog.standard(mcpSettings.fixturesEnabled());
            McpEndpoint mcp = new McpEndpoint(directory, packs, mcpSettings,
                    PublicUrl.of(config.externalBaseUrl(), config.publicSocket(), config.publicSocket().port()));

            HttpRouting.Builder publicRouting = HttpRouting.builder();
            mcp.routing(publicRouting);
            if (options.benchmarkEndpoint()) {
                PlainJsonEndpoint.routing(publicRouting);
            }
            WebServer server = WebServer.builder()
                    .shutdownHook(false)
                    .host(config.publicSocket().host())
                    .port(config.publicSocket().port())
                    .connectionOptions(socket -> socket.tcpNoDelay(true))
                    .shutdownGracePeriod(config.shutdownGrace())
                    .routing(publicRouting)
                    .putSocket(ADMIN_SOCKET, admin -> admin
                            .host(config.adminSocket().host())
                            .port(config.adminSocket().port())
                            .connectionOptions(socket -> socket.tcpNoDelay(true))
                            .routing(HttpRouting.builder()))
                    .addFeature(OperationsFeature.create(ADMIN_SOCKET, List.of(
                            ReadinessChecks.readiness("database", database::ping),
                            ReadinessChecks.readiness("tenants", directory::isHealthy),
                            ReadinessChecks.readiness("accepting", () -> !draining.get()))))
                    .build()
                    .start();
            phases.done("web server");
            directory.startPolling(config.tenancy().refreshInterval());
            return new Platform(database, directory, mcp, server,
                    PublicUrl.of(config.externalBaseUrl(), config.publicSocket(), server.port()), draining, phases);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
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
        directory.close();
        database.close();
    }
}
