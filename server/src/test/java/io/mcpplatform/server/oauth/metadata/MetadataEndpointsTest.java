package io.mcpplatform.server.oauth.metadata;

import io.mcpplatform.server.oauth.OAuthFixture;
import io.mcpplatform.server.oauth.token.TokenSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.mcpplatform.server.oauth.OAuthFixture.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 9728 and RFC 8414 documents, the JWKS, CORS and the 404 of tenants without sign-in. */
class MetadataEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static OAuthFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new OAuthFixture(TokenSettings.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> res = f.get(path, "Origin", "https://inspector.example");
        assertEquals(200, res.statusCode(), path);
        assertEquals("*", res.headers().firstValue("Access-Control-Allow-Origin").orElse(""), path);
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(res.body());
    }

    private static Set<String> names(JsonNode doc) {
        Set<String> names = new TreeSet<>();
        doc.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void protectedResourceMetadataHasExactFields() throws Exception {
        JsonNode doc = getJson("/.well-known/oauth-protected-resource/t/alpha/mcp");
        assertEquals(Set.of("resource", "authorization_servers", "scopes_supported", "bearer_methods_supported",
                "resource_name"), names(doc));
        assertEquals(BASE + "/t/alpha/mcp", doc.get("resource").asText());
        assertEquals(List.of(BASE + "/t/alpha"), List.of(doc.get("authorization_servers").get(0).asText()));
        assertEquals(1, doc.get("authorization_servers").size());
        assertEquals("[\"mcp:tools\"]", doc.get("scopes_supported").toString());
        assertEquals("[\"header\"]", doc.get("bearer_methods_supported").toString());
        assertEquals("alpha organisation", doc.get("resource_name").asText());
    }

    @Test
    void authorizationServerMetadataHasExactFieldsAtEveryWellKnownVariant() throws Exception {
        JsonNode doc = getJson("/.well-known/oauth-authorization-server/t/alpha");
        assertEquals(BASE + "/t/alpha", doc.get("issuer").asText());
        assertEquals(BASE + "/t/alpha/oauth2/authorize", doc.get("authorization_endpoint").asText());
        assertEquals(BASE + "/t/alpha/oauth2/token", doc.get("token_endpoint").asText());
        assertEquals(BASE + "/t/alpha/oauth2/register", doc.get("registration_endpoint").asText());
        assertEquals(BASE + "/t/alpha/oauth2/revoke", doc.get("revocation_endpoint").asText());
        assertEquals(BASE + "/t/alpha/oauth2/jwks", doc.get("jwks_uri").asText());
        assertEquals("[\"code\"]", doc.get("response_types_supported").toString());
        assertEquals("[\"authorization_code\",\"refresh_token\"]", doc.get("grant_types_supported").toString());
        assertEquals("[\"S256\"]", doc.get("code_challenge_methods_supported").toString());
        assertEquals("[\"none\",\"client_secret_basic\",\"client_secret_post\"]",
                doc.get("token_endpoint_auth_methods_supported").toString());
        assertEquals("[\"mcp:tools\"]", doc.get("scopes_supported").toString());
        assertTrue(doc.get("client_id_metadata_document_supported").asBoolean());
        assertTrue(doc.get("authorization_response_iss_parameter_supported").asBoolean());
        for (String path : List.of("/.well-known/openid-configuration/t/alpha",
                "/t/alpha/.well-known/oauth-authorization-server", "/t/alpha/.well-known/openid-configuration")) {
            assertEquals(doc, getJson(path), path);
        }
    }

    @Test
    void authorizationServerMetadataWhenDcrOffThenNoRegistrationEndpoint() throws Exception {
        var t = f.beta;
        f.directory.put(new io.mcpplatform.tenants.Tenant(t.id(), t.slug(), t.displayName(), t.status(), t.entra(),
                new io.mcpplatform.tenants.ClientPolicy(false, false, t.clientPolicy().redirectAllowList()),
                t.toolPacks(), t.mcpMode(), t.createdAt(), t.updatedAt()));
        try {
            JsonNode doc = getJson("/.well-known/oauth-authorization-server/t/beta");
            assertFalse(doc.has("registration_endpoint"));
            assertFalse(doc.get("client_id_metadata_document_supported").asBoolean());
        } finally {
            f.directory.put(t);
        }
    }

    @Test
    void jwksPublishesOnlyPublicRs256Keys() throws Exception {
        JsonNode keys = getJson("/t/alpha/oauth2/jwks").get("keys");
        assertEquals(1, keys.size());
        JsonNode k = keys.get(0);
        assertEquals(Set.of("kty", "kid", "use", "alg", "n", "e"), names(k));
        assertEquals("RSA", k.get("kty").asText());
        assertEquals("RS256", k.get("alg").asText());
        assertEquals("sig", k.get("use").asText());
        assertEquals(1, f.count("select count(*) from signing_keys where tenant_id = '" + f.alpha.id() + "'"));
        assertEquals(0, f.count("select count(*) from signing_keys where position('\"d\"' in public_jwk::text) > 0"));
    }

    @Test
    void metadataWhenTenantWithoutSignInOrUnknownThen404() {
        for (String path : List.of("/.well-known/oauth-protected-resource/t/open/mcp",
                "/.well-known/oauth-authorization-server/t/open", "/t/open/oauth2/jwks",
                "/.well-known/oauth-authorization-server/t/nosuch", "/t/nosuch/.well-known/openid-configuration")) {
            assertEquals(404, f.get(path).statusCode(), path);
        }
    }

    @Test
    void metadataPreflightAllowsAnyOrigin() {
        HttpResponse<String> res = f.send(HttpRequest.newBuilder(f.uri("/.well-known/oauth-authorization-server/t/alpha"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://inspector.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "mcp-protocol-version").build());
        assertEquals(204, res.statusCode());
        assertEquals("*", res.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(res.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("MCP-Protocol-Version"));
    }
}
