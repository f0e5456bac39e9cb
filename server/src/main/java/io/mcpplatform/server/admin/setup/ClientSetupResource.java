package io.mcpplatform.server.admin.setup;

import io.mcpplatform.server.admin.AdminContext;
import io.mcpplatform.server.admin.http.Access;
import io.mcpplatform.server.admin.http.AdminRequest;
import io.mcpplatform.server.admin.http.AdminResponse;
import io.mcpplatform.server.admin.http.AdminRoute;
import io.mcpplatform.tenants.Tenant;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/v1/tenants/{slug}/client-setup}: ready-to-paste client configuration for the tenant's MCP URL:
 * VS Code {@code .vscode/mcp.json}, Claude (a remote connector URL and Claude Code's command line), and the MCP
 * Inspector's command line. No credential appears: clients register and sign in themselves.
 */
public final class ClientSetupResource {
    private final AdminContext context;
    private final URI baseUrl;

    public ClientSetupResource(AdminContext context, URI baseUrl) {
        this.context = context;
        this.baseUrl = baseUrl;
    }

    public List<AdminRoute> routes() {
        return List.of(AdminRoute.get("/admin/v1/tenants/{slug}/client-setup", Access.TENANT, this::setup));
    }

    private AdminResponse setup(AdminRequest request) {
        Tenant tenant = context.tenant(request);
        String url = baseUrl + "/t/" + tenant.slug() + "/mcp";
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("type", "http");
        server.put("url", url);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("mcpUrl", url);
        answer.put("vscode", Map.of("file", ".vscode/mcp.json", "content", Map.of("servers", Map.of(tenant.slug(), server))));
        answer.put("claude", Map.of("connectorUrl", url,
                "claudeCode", "claude mcp add --transport http " + tenant.slug() + " " + url));
        answer.put("inspector", "npx @modelcontextprotocol/inspector --cli " + url + " --transport http --method tools/list");
        return AdminResponse.ok(answer);
    }
}
