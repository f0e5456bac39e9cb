package io.mcpplatform.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.mcpplatform.server.obo.OboException;
import io.mcpplatform.server.tools.PackInstaller;
import io.mcpplatform.server.tools.ToolPack;
import io.mcpplatform.server.tools.ToolPackCatalog;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tool's on-behalf-of failure at the MCP endpoint over real sockets: step-up 403 or an admin-consent tool error. */
class OboStepUpTest {
    static final String CLAIMS = "{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"mfa\"]}}}";
    static final String CONSENT_URL = "https://login.example/tid/adminconsent?client_id=app";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROTOCOL = "2025-11-25";
    static McpEndpoint endpoint;
    static WebServer server;
    static McpHttp http;

    /** Tools that fail as an on-behalf-of call would. */
    static final class OboFailurePack implements ToolPack {
        @Override
        public String name() {
            return "obo-failures";
        }

        @Override
        public void install(PackInstaller target) {
            target.tool(tool("needs_mfa"), (ctx, req) -> {
                throw new OboException.InteractionRequired(CLAIMS, null);
            });
            target.tool(tool("needs_consent"), (ctx, req) -> {
                throw new OboException.ConsentRequired(CONSENT_URL, null);
            });
        }

        private static McpSchema.Tool tool(String name) {
            return McpSchema.Tool.builder().name(name).description(name)
                    .inputSchema(new McpSchema.JsonSchema("object", Map.of(), List.of(), false, null, null)).build();
        }
    }

    @BeforeAll
    static void start() {
        InMemoryTenantDirectory directory = InMemoryTenantDirectory.standard();
        directory.put(InMemoryTenantDirectory.tenant("graph", TenantStatus.ACTIVE, Tenant.McpMode.STATEFUL,
                "obo-failures"));
        directory.put(InMemoryTenantDirectory.tenant("graphless", TenantStatus.ACTIVE, Tenant.McpMode.STATELESS,
                "obo-failures"));
        endpoint = new McpEndpoint(directory, new ToolPackCatalog(List.of(new OboFailurePack())), McpSettings.defaults(),
                URI.create("http://127.0.0.1"));
        HttpRouting.Builder routing = HttpRouting.builder();
        endpoint.routing(routing);
        server = WebServer.builder().host("127.0.0.1").port(0).routing(routing).build().start();
        http = new McpHttp(server.port());
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        server.stop();
    }

    @Test
    void toolsCallWhenInteractionRequiredThen403WithStepUpChallenge() {
        String session = http.initialize("graph");

        HttpResponse<String> res = call("graph", "needs_mfa", "Mcp-Session-Id", session);

        assertStepUp(res, "graph");
    }

    @Test
    void toolsCallWhenInteractionRequiredOnStatelessTenantThen403WithStepUpChallenge() {
        assertStepUp(call("graphless", "needs_mfa"), "graphless");
    }

    @Test
    void toolsCallWhenConsentRequiredThenToolErrorNamingAdminConsentUrl() throws Exception {
        String session = http.initialize("graph");

        HttpResponse<String> res = call("graph", "needs_consent", "Mcp-Session-Id", session);

        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("WWW-Authenticate").isEmpty());
        JsonNode result = JSON.readTree(res.body()).path("result");
        assertTrue(result.path("isError").asBoolean());
        String text = result.path("content").get(0).path("text").asText();
        assertTrue(text.contains("administrator") && text.contains(CONSENT_URL), text);
    }

    private static HttpResponse<String> call(String tenant, String tool, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "MCP-Protocol-Version";
        all[headers.length + 1] = PROTOCOL;
        return http.post(tenant, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool + "\",\"arguments\":{}}}", all);
    }

    private static void assertStepUp(HttpResponse<String> res, String tenant) {
        assertEquals(403, res.statusCode(), res.body());
        String challenge = res.headers().firstValue("WWW-Authenticate").orElseThrow();
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(CLAIMS.getBytes(StandardCharsets.UTF_8));
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"mcp:tools\", resource_metadata=\"http://127.0.0.1"
                + "/.well-known/oauth-protected-resource/t/" + tenant + "/mcp\", claims=\"" + encoded + "\"", challenge);
        assertTrue(res.body().contains("\"id\":5"), res.body());
        assertFalse(res.body().contains("isError"), res.body());
    }
}
