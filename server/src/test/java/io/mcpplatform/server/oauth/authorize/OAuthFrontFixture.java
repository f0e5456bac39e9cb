package io.mcpplatform.server.oauth.authorize;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.mcpplatform.migrations.TestPostgres;
import io.mcpplatform.server.crypto.AesGcmSecretBox;
import io.mcpplatform.server.mcp.InMemoryTenantDirectory;
import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.oauth.clients.ClientMetadataDocument;
import io.mcpplatform.server.oauth.clients.DatabaseClientRegistry;
import io.mcpplatform.server.oauth.clients.OAuthClientRepository;
import io.mcpplatform.server.oauth.consent.ConsentRepository;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;
import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.DatabaseSettings;
import io.mcpplatform.tenants.store.HibernateTenantRepository;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorization front on a real socket over a real (embedded) PostgreSQL, with fakes for Entra, codes and the
 * upstream token store. Tenants: {@code acme} (Entra, registration and metadata documents on), {@code closed}
 * (Entra, registration and metadata documents off), {@code open} (no Entra: no authorization server).
 */
final class OAuthFrontFixture implements AutoCloseable {
    static final String BASE = "https://mcp.example.test";
    static final String ENTRA_TID = "11111111-2222-3333-4444-555555555555";

    final TestPostgres pg;
    final String db;
    final Database database;
    final InMemoryTenantDirectory tenants = new InMemoryTenantDirectory();
    final PlatformUrls urls = new PlatformUrls(URI.create(BASE));
    final FakeEntraSignIn entra = new FakeEntraSignIn();
    final InMemoryAuthorizationCodes codes = new InMemoryAuthorizationCodes();
    final InMemoryUpstreamTokenStore upstream = new InMemoryUpstreamTokenStore();
    /** Every audit event the front recorded, in order. */
    final List<io.mcpplatform.server.audit.AuditEvent> audited = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Map<URI, ClientMetadataDocument> documents = new ConcurrentHashMap<>();
    final OAuthClientRepository clientRows;
    final PendingAuthorizationRepository pending;
    final ConsentRepository consents;
    final DatabaseClientRegistry registry;
    final WebServer server;
    final Tenant acme;
    private final HibernateTenantRepository tenantRows;

    OAuthFrontFixture(OAuthFrontSettings settings) throws Exception {
        pg = TestPostgres.start();
        db = pg.migratedDatabase();
        database = Database.create(DatabaseSettings.parse(pg.jdbcUrl(db), TestPostgres.APP, TestPostgres.APP_PASSWORD)
                .withPoolSize(8), OAuthFrontRoutes.ENTITIES);
        tenantRows = new HibernateTenantRepository(database);
        acme = tenant("acme", new ClientPolicy(true, true, ClientPolicy.DEFAULT_REDIRECTS), true);
        for (Tenant t : List.of(acme,
                tenant("closed", new ClientPolicy(false, false, ClientPolicy.DEFAULT_REDIRECTS), true),
                tenant("open", ClientPolicy.defaults(), false))) {
            tenantRows.upsert(t);
            tenants.put(t);
        }
        clientRows = new OAuthClientRepository(database);
        pending = new PendingAuthorizationRepository(database);
        consents = new ConsentRepository(database);
        registry = new DatabaseClientRegistry(clientRows, url -> Optional.ofNullable(documents.get(url)),
                settings.registration());
        OAuthFrontRoutes routes = new OAuthFrontRoutes(tenants, urls, registry, entra, upstream, codes,
                new AesGcmSecretBox(new byte[32]), clientRows, pending, consents, audited::add, Clock.systemUTC(), settings);
        HttpRouting.Builder routing = HttpRouting.builder();
        routes.routing(routing);
        server = WebServer.builder().host("127.0.0.1").port(0).routing(routing).build().start();
    }

    /** Stores another tenant and makes it active. */
    void addTenant(Tenant tenant) {
        tenantRows.upsert(tenant);
        tenants.put(tenant);
    }

    static Tenant tenant(String slug, ClientPolicy policy, boolean signIn) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        EntraApp app = signIn ? new EntraApp(ENTRA_TID, "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "secret:env:ACME_SECRET",
                null) : null;
        return new Tenant(UUID.nameUUIDFromBytes(slug.getBytes()), slug, slug.toUpperCase() + " <Corp>",
                TenantStatus.ACTIVE, app, policy, List.of("echo"), Tenant.McpMode.STATEFUL, t, t);
    }

    URI local(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    /** Turns an absolute platform URL (https://mcp.example.test/...) into one on the local socket. */
    URI local(URI platformUrl) {
        String q = platformUrl.getRawQuery();
        return local(platformUrl.getRawPath() + (q == null ? "" : "?" + q));
    }

    long count(String sql) throws Exception {
        try (Connection c = pg.superuser(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
        database.close();
        pg.close();
    }
}
