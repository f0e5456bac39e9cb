package io.mcpplatform.server.oauth;

import io.mcpplatform.testing.MutableClock;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.mcpplatform.migrations.TestPostgres;
import io.mcpplatform.server.audit.PostgresAuditLog;
import io.mcpplatform.server.crypto.AesGcmSecretBox;
import io.mcpplatform.server.crypto.OpaqueTokens;
import io.mcpplatform.server.mcp.InMemoryTenantDirectory;
import io.mcpplatform.server.mcp.McpEndpoint;
import io.mcpplatform.server.mcp.McpSettings;
import io.mcpplatform.server.oauth.clients.ClientRegistry;
import io.mcpplatform.server.oauth.clients.OAuthClient;
import io.mcpplatform.server.oauth.codes.CodeGrant;
import io.mcpplatform.server.oauth.token.OAuthBackRoutes;
import io.mcpplatform.server.oauth.token.TokenSettings;
import io.mcpplatform.server.tools.PackInstaller;
import io.mcpplatform.server.tools.ToolPack;
import io.mcpplatform.server.tools.ToolPackCatalog;
import io.mcpplatform.server.tools.echo.EchoToolPack;
import io.mcpplatform.server.mcp.McpRequestContext;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;
import io.mcpplatform.tenants.store.Database;
import io.mcpplatform.tenants.store.DatabaseSettings;
import io.mcpplatform.tenants.store.HibernateTenantRepository;
import io.modelcontextprotocol.spec.McpSchema;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running token side on real PostgreSQL and a real socket: tenants {@code alpha} and {@code beta} (with sign-in)
 * and {@code open} (without), an in-memory client registry, the MCP endpoint with bearer authentication and a
 * {@code whoami} tool, and a settable clock.
 */
public final class OAuthFixture implements AutoCloseable {
    public static final String BASE = "https://mcp.example.test";
    public static final String PUBLIC_CLIENT = "public-client";
    public static final String BASIC_CLIENT = "basic-client";
    public static final String POST_CLIENT = "post-client";
    public static final String SECRET = "s3cret-value-for-tests";
    public static final String REDIRECT = "http://127.0.0.1:33418/callback";
    public static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-and-some-more";

    public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    public final PlatformUrls urls = new PlatformUrls(URI.create(BASE));
    public final InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    public final Tenant alpha = tenant("alpha", true);
    public final Tenant beta = tenant("beta", true);
    public final Tenant open = tenant("open", false);
    public final Tenant gamma = tenant("gamma", true);
    public final Tenant delta = tenant("delta", true);
    public final InMemoryClients clients = new InMemoryClients();
    public final TestPostgres pg;
    public final String db;
    public final Database database;
    public final OAuthBackRoutes routes;
    public final PostgresAuditLog audit;
    public final McpEndpoint mcp;
    public final WebServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    public OAuthFixture(TokenSettings settings) throws Exception {
        pg = TestPostgres.start();
        db = pg.migratedDatabase();
        database = Database.create(DatabaseSettings.parse(pg.jdbcUrl(db), TestPostgres.APP, TestPostgres.APP_PASSWORD)
                .withPoolSize(8));
        HibernateTenantRepository repo = new HibernateTenantRepository(database);
        for (Tenant t : List.of(alpha, beta, open, gamma, delta)) {
            repo.upsert(t);
            directory.put(t);
        }
        for (Tenant t : List.of(alpha, beta, gamma, delta)) {
            clients.add(t, PUBLIC_CLIENT, "none", null);
            clients.add(t, BASIC_CLIENT, "client_secret_basic", SECRET);
            clients.add(t, POST_CLIENT, "client_secret_post", SECRET);
            clients.add(t, "other-client", "none", null);
        }
        byte[] key = new byte[32];
        key[0] = 7;
        audit = new PostgresAuditLog(database, clock, 1000);
        routes = new OAuthBackRoutes(directory, database, new AesGcmSecretBox(key), clients, urls, settings, audit,
                clock);
        ToolPackCatalog packs = new ToolPackCatalog(List.of(new EchoToolPack(), new WhoAmI()));
        mcp = new McpEndpoint(directory, packs, McpSettings.defaults(), URI.create("http://127.0.0.1"), clock,
                routes.bearerAuthenticator(Optional.empty()), audit);
        HttpRouting.Builder routing = HttpRouting.builder();
        routes.routing(routing);
        mcp.routing(routing);
        server = WebServer.builder().host("127.0.0.1").port(0).connectionOptions(o -> o.tcpNoDelay(true))
                .routing(routing).build().start();
    }

    private static Tenant tenant(String slug, boolean signIn) {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        EntraApp entra = signIn ? new EntraApp(UUID.nameUUIDFromBytes(("tid-" + slug).getBytes()).toString(),
                UUID.nameUUIDFromBytes(("app-" + slug).getBytes()).toString(), "secret:env:ENTRA_SECRET", null) : null;
        return new Tenant(UUID.nameUUIDFromBytes(slug.getBytes()), slug, slug + " organisation", TenantStatus.ACTIVE,
                entra, ClientPolicy.defaults(), List.of("echo", "whoami"), Tenant.McpMode.STATELESS, t, t);
    }

    /** A code for the user {@code oid} of the tenant, issued to {@code clientId} with the fixture's verifier. */
    public String issueCode(Tenant tenant, String clientId, String oid) {
        return routes.authorizationCodes().issue(new CodeGrant(tenant.id(), clientId, REDIRECT, challenge(VERIFIER),
                Set.of("mcp:tools"), urls.mcp(tenant.slug()), tenant.entra().tenantId(), oid, "Ada Lovelace",
                "ada@example.test", null, clock.instant().plusSeconds(60)));
    }

    public static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** POST form to a path; {@code headers} as name, value pairs. */
    public HttpResponse<String> postForm(String path, String form, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** A {@code tools/call} of {@code whoami} at the tenant's MCP endpoint with this Authorization header (or none). */
    public HttpResponse<String> callWhoAmI(String slug, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/t/" + slug + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"whoami","arguments":{}}}"""));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One number from the database, as the owner. */
    public long count(String sql) throws Exception {
        try (Connection c = pg.owner(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
        mcp.close();
        audit.close();
        database.close();
        pg.close();
    }

    /** Registered clients in memory; secrets stored as SHA-256. */
    public static final class InMemoryClients implements ClientRegistry {
        private final Map<String, OAuthClient> clients = new ConcurrentHashMap<>();

        void add(Tenant tenant, String clientId, String method, String secret) {
            clients.put(tenant.id() + "/" + clientId, new OAuthClient(tenant.id(), clientId, clientId, List.of(REDIRECT),
                    method, Optional.ofNullable(secret).map(OpaqueTokens::hash), OAuthClient.RegistrationType.DYNAMIC,
                    false));
        }

        @Override
        public Optional<OAuthClient> find(Tenant tenant, String clientId) {
            return Optional.ofNullable(clients.get(tenant.id() + "/" + clientId));
        }

        @Override
        public boolean secretMatches(OAuthClient client, String presentedSecret) {
            return client.secretHash().map(h -> MessageDigest.isEqual(h.getBytes(StandardCharsets.US_ASCII),
                    OpaqueTokens.hash(presentedSecret).getBytes(StandardCharsets.US_ASCII))).orElse(false);
        }
    }

    /** Tool {@code whoami}: the caller's tenant slug, oid and client id from the transport context. */
    static final class WhoAmI implements ToolPack {
        @Override
        public String name() {
            return "whoami";
        }

        @Override
        public void install(PackInstaller target) {
            target.tool(McpSchema.Tool.builder().name("whoami").inputSchema(Map.of("type", "object")).build(),
                    (context, request) -> {
                        String who = McpRequestContext.user(context)
                                .map(u -> u.tenantSlug() + "|" + u.oid() + "|" + u.clientId() + "|" + u.kind())
                                .orElse("anonymous");
                        return McpSchema.CallToolResult.builder().addTextContent(who).build();
                    });
        }
    }
}
