package io.mcpplatform.server.entra;

import io.mcpplatform.tenants.EntraApp;

import java.net.URI;

/**
 * {@link EntraEndpoints} of the real clouds. Tokens name their issuer on the cloud's token host, which for the China
 * cloud differs from the login host ({@code login.chinacloudapi.cn} issues as {@code login.partner.microsoftonline.cn}).
 */
final class CloudEndpoints implements EntraEndpoints {
    static final CloudEndpoints INSTANCE = new CloudEndpoints();
    private static final String CHINA_LOGIN = "https://login.chinacloudapi.cn";
    private static final String CHINA_ISSUER_HOST = "https://login.partner.microsoftonline.cn";

    private CloudEndpoints() {
    }

    @Override
    public URI authorizationEndpoint(EntraApp app) {
        return URI.create(app.authority() + "/" + app.tenantId() + "/oauth2/v2.0/authorize");
    }

    @Override
    public String msalAuthority(EntraApp app) {
        return app.authority() + "/" + app.tenantId() + "/";
    }

    @Override
    public String issuer(EntraApp app) {
        String host = app.authority().equalsIgnoreCase(CHINA_LOGIN) ? CHINA_ISSUER_HOST : app.authority();
        return host + "/" + app.tenantId() + "/v2.0";
    }

    @Override
    public URI jwksUri(EntraApp app) {
        return URI.create(app.authority() + "/" + app.tenantId() + "/discovery/v2.0/keys");
    }
}
