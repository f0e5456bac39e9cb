package io.mcpplatform.server.oauth.metadata;

import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.tenants.Tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The metadata documents of a tenant, as JSON. */
public final class MetadataDocuments {
    /** The scope the MCP endpoint requires, and the only one the platform issues. */
    public static final String MCP_SCOPE = "mcp:tools";
    /** Client authentication methods at the token and revocation endpoints. */
    public static final List<String> AUTH_METHODS = List.of("none", "client_secret_basic", "client_secret_post");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PlatformUrls urls;

    public MetadataDocuments(PlatformUrls urls) {
        this.urls = urls;
    }

    /** RFC 9728 protected-resource metadata of the tenant's MCP endpoint. */
    public ObjectNode protectedResource(Tenant tenant) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("resource", urls.mcp(tenant.slug()));
        array(doc, "authorization_servers", List.of(urls.issuer(tenant.slug())));
        array(doc, "scopes_supported", List.of(MCP_SCOPE));
        array(doc, "bearer_methods_supported", List.of("header"));
        doc.put("resource_name", tenant.displayName());
        return doc;
    }

    /** RFC 8414 authorization-server metadata of the tenant. */
    public ObjectNode authorizationServer(Tenant tenant) {
        String slug = tenant.slug();
        ObjectNode doc = JSON.createObjectNode();
        doc.put("issuer", urls.issuer(slug));
        doc.put("authorization_endpoint", urls.oauth(slug, "authorize"));
        doc.put("token_endpoint", urls.oauth(slug, "token"));
        if (tenant.clientPolicy().dynamicRegistration()) {
            doc.put("registration_endpoint", urls.oauth(slug, "register"));
        }
        doc.put("revocation_endpoint", urls.oauth(slug, "revoke"));
        doc.put("jwks_uri", urls.oauth(slug, "jwks"));
        array(doc, "response_types_supported", List.of("code"));
        array(doc, "response_modes_supported", List.of("query"));
        array(doc, "grant_types_supported", List.of("authorization_code", "refresh_token"));
        array(doc, "code_challenge_methods_supported", List.of("S256"));
        array(doc, "token_endpoint_auth_methods_supported", AUTH_METHODS);
        array(doc, "revocation_endpoint_auth_methods_supported", AUTH_METHODS);
        array(doc, "scopes_supported", List.of(MCP_SCOPE));
        doc.put("client_id_metadata_document_supported", tenant.clientPolicy().metadataDocuments());
        doc.put("authorization_response_iss_parameter_supported", true);
        return doc;
    }

    private static void array(ObjectNode doc, String name, List<String> values) {
        ArrayNode a = doc.putArray(name);
        values.forEach(a::add);
    }
}
