package io.mcpplatform.server.oauth;

import java.net.URI;

/**
 * Every public URL of a tenant, derived from the configured external base URL only (never from {@code Host} or
 * {@code X-Forwarded-*} headers).
 */
public final class PlatformUrls {
    private final String base;

    /** @param baseUrl the external base URL without a trailing slash, e.g. {@code https://mcp.example.com} */
    public PlatformUrls(URI baseUrl) {
        this.base = baseUrl.toString().replaceAll("/+$", "");
    }

    /** The external base URL. */
    public String base() {
        return base;
    }

    /** The authorization server issuer of a tenant: {@code https://HOST/t/{slug}}. */
    public String issuer(String slug) {
        return base + "/t/" + slug;
    }

    /** The MCP endpoint, which is also the resource indicator and the access tokens' audience. */
    public String mcp(String slug) {
        return issuer(slug) + "/mcp";
    }

    /** An OAuth endpoint of the tenant: {@code authorize}, {@code consent}, {@code callback}, {@code token}, … */
    public String oauth(String slug, String endpoint) {
        return issuer(slug) + "/oauth2/" + endpoint;
    }

    /** The RFC 9728 protected-resource metadata URL of the tenant's MCP endpoint. */
    public String protectedResourceMetadata(String slug) {
        return base + "/.well-known/oauth-protected-resource/t/" + slug + "/mcp";
    }

    /** The RFC 8414 authorization-server metadata URL (path-aware form). */
    public String authorizationServerMetadata(String slug) {
        return base + "/.well-known/oauth-authorization-server/t/" + slug;
    }
}
