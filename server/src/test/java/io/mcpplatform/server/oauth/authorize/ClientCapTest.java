package io.mcpplatform.server.oauth.authorize;

import io.mcpplatform.server.oauth.clients.OAuthClient;
import io.mcpplatform.server.oauth.clients.RegistrationLimits;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantLimits;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-tenant client cap (3 here, a tenant's own limit wins in both directions) holds under concurrent registrations; pre-registered clients are stored. */
class ClientCapTest {
    private static OAuthFrontFixture f;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        f = new OAuthFrontFixture(OAuthFrontSettings.defaults()
                .withRegistration(new RegistrationLimits(16 * 1024, 10, 2000, 200, 3)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void registerWhenTenParallelOverCapOfThreeThenExactlyThreeStoredAndOthers403() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit(() -> HTTP.send(HttpRequest.newBuilder(f.local("/t/acme/oauth2/register"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"redirect_uris\":[\"http://127.0.0.1:1/cb\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString())));
        }
        int created = 0;
        int refused = 0;
        for (Future<HttpResponse<String>> r : results) {
            HttpResponse<String> res = r.get();
            if (res.statusCode() == 201) {
                created++;
            } else {
                assertEquals(403, res.statusCode(), res.body());
                assertTrue(res.body().contains("limit of 3"), res.body());
                refused++;
            }
        }
        pool.shutdownNow();
        assertEquals(3, created);
        assertEquals(7, refused);
        assertEquals(3, f.count("select count(*) from oauth_clients where registration_type = 'DYNAMIC'"));
    }

    @Test
    void registerWhenTenantLimitIsTwoBelowPlatformCapThenThirdRefusedNamingTwo() throws Exception {
        f.addTenant(withClientLimit("small", 2));
        assertEquals(201, register("small").statusCode());
        assertEquals(201, register("small").statusCode());
        HttpResponse<String> third = register("small");
        assertEquals(403, third.statusCode(), third.body());
        assertTrue(third.body().contains("limit of 2 registered clients"), third.body());
        assertEquals(2, f.count("select count(*) from oauth_clients c join tenants t on t.id = c.tenant_id"
                + " where t.slug = 'small' and c.registration_type = 'DYNAMIC'"));
    }

    @Test
    void registerWhenTenantLimitIsFiveAbovePlatformCapThenFiveStored() throws Exception {
        f.addTenant(withClientLimit("large", 5));
        for (int i = 0; i < 5; i++) {
            assertEquals(201, register("large").statusCode());
        }
        HttpResponse<String> sixth = register("large");
        assertEquals(403, sixth.statusCode(), sixth.body());
        assertTrue(sixth.body().contains("limit of 5 registered clients"), sixth.body());
    }

    private static Tenant withClientLimit(String slug, int clients) {
        Tenant t = OAuthFrontFixture.tenant(slug, new ClientPolicy(true, true, ClientPolicy.DEFAULT_REDIRECTS), true);
        return t.withLimits(new TenantLimits(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.of(clients)));
    }

    private static HttpResponse<String> register(String slug) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(f.local("/t/" + slug + "/oauth2/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"redirect_uris\":[\"http://127.0.0.1:1/cb\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void insertPreRegisteredThenFoundAndRevocable() throws Exception {
        OAuthClient client = new OAuthClient(f.acme.id(), "contoso-agent", "Contoso Agent",
                List.of("https://agent.contoso.example/cb"), "none", Optional.empty(),
                OAuthClient.RegistrationType.PRE_REGISTERED, false);
        f.clientRows.insertPreRegistered(client, List.of("authorization_code", "refresh_token"), "{\"note\":\"admin\"}",
                Instant.now());
        assertEquals(Optional.of(client), f.registry.find(f.acme, "contoso-agent"));
        assertEquals(1, f.count("select count(*) from oauth_clients where client_id = 'contoso-agent'"
                + " and metadata->>'note' = 'admin' and registration_type = 'PRE_REGISTERED'"));
        assertTrue(f.clientRows.revoke(f.acme.id(), "contoso-agent", Instant.now()));
        assertEquals(Optional.empty(), f.registry.find(f.acme, "contoso-agent"));
    }
}
