package io.mcpplatform.devstack.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.devstack.RunningPlatform;
import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.graph.GraphStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /admin/v1/tenants/{slug}/provision} and {@code …/doctor} on a running platform (embedded PostgreSQL,
 * stand-in Entra and Graph): the tenant registered in-process, idempotence, problems naming the step and the missing
 * privilege, validation naming the field, who may call, audit with the actor, and the Graph token never echoed.
 */
class OnboardingApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATOR = "ApiKey " + RunningPlatform.ADMIN_KEY;
    private static final String ISSUER = ProvisioningFixture.ISSUER.toString();

    @TempDir
    static Path dir;
    static RunningPlatform running;
    static ProvisioningFixture f;

    @BeforeAll
    static void start() {
        running = RunningPlatform.start(dir);
        f = new ProvisioningFixture(running.entra.standIn(), running.graph);
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    private static HttpResponse<String> call(String method, String path, String auth, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(running.admin(path)).header("Authorization", auth)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return running.send(b.build());
    }

    private static String adminToken() {
        return f.token(DemoDirectories.ALICE, ProvisioningFixture.ADMIN_SCOPES);
    }

    private static ObjectNode federated(String token) {
        ObjectNode body = JSON.createObjectNode().put("graphToken", token)
                .put("entraTenantId", DemoDirectories.DEMO_TID).put("displayName", "Acme via API");
        body.putArray("toolPacks").add("echo").add("graph");
        body.putObject("credential").put("type", "federated").put("oidcIssuer", ISSUER)
                .put("serviceAccount", "mcp:mcp-platform");
        return body;
    }

    private static long graphWrites() {
        return running.graph.requests().stream().filter(GraphStandIn.Request::isWrite).count();
    }

    private static String etag(String slug) {
        return call("GET", "/admin/v1/tenants/" + slug, OPERATOR, null).headers().firstValue("ETag").orElseThrow();
    }

    @Test
    void provisionWhenOperatorThenTenantRegisteredAndSecondRunChangesNothing() throws Exception {
        String token = adminToken();
        HttpResponse<String> first = call("POST", "/admin/v1/tenants/acme-api/provision", OPERATOR,
                federated(token).toString());

        assertEquals(200, first.statusCode(), first.body());
        JsonNode report = JSON.readTree(first.body());
        String appId = report.path("appId").asText();
        assertFalse(report.path("unchanged").asBoolean());
        assertEquals("created", stepChange(report, "app registration"));
        assertEquals("created", stepChange(report, "tenant registration"));
        JsonNode tenant = JSON.readTree(call("GET", "/admin/v1/tenants/acme-api", OPERATOR, null).body());
        assertEquals(appId, tenant.path("entra").path("clientId").asText());
        assertEquals(DemoDirectories.DEMO_TID, tenant.path("entra").path("tenantId").asText());
        assertEquals(JSON.readTree("{\"type\":\"federated\",\"source\":\"env\"}"),
                tenant.path("entra").path("credential"));
        assertEquals(JSON.readTree("[\"User.Read\",\"GroupMember.Read.All\",\"Files.Read\"]"),
                tenant.path("graph").path("scopes"));
        assertEquals("Acme via API", tenant.path("displayName").asText());
        String etag = etag("acme-api");
        long writes = graphWrites();

        HttpResponse<String> second = call("POST", "/admin/v1/tenants/acme-api/provision", OPERATOR,
                federated(token).toString());

        assertEquals(200, second.statusCode(), second.body());
        assertTrue(JSON.readTree(second.body()).path("unchanged").asBoolean(), second.body());
        assertEquals(writes, graphWrites());
        assertEquals(etag, etag("acme-api"));
        HttpResponse<String> audit = call("GET", "/admin/v1/tenants/acme-api/audit?action=admin.tenant.*", OPERATOR,
                null);
        JsonNode items = JSON.readTree(audit.body()).path("items");
        assertEquals(3, items.size(), audit.body()); // created, provisioned, provisioned (unchanged)
        assertTrue(audit.body().contains("operator:bootstrap-key"), audit.body());
        assertFalse(first.body().contains(token) || second.body().contains(token) || audit.body().contains(token));
    }

    @Test
    void provisionWhenSecretThenSealedInThePlatformNeverAnsweredAndReusedByTheNextRun() throws Exception {
        ObjectNode body = federated(adminToken());
        body.putObject("credential").put("type", "secret").put("days", 90);

        HttpResponse<String> first = call("POST", "/admin/v1/tenants/acme-sec/provision", OPERATOR, body.toString());

        assertEquals(200, first.statusCode(), first.body());
        assertEquals("created", stepChange(JSON.readTree(first.body()), "client secret"));
        HttpResponse<String> read = call("GET", "/admin/v1/tenants/acme-sec", OPERATOR, null);
        assertEquals(JSON.readTree("{\"type\":\"secret\",\"stored\":true}"),
                JSON.readTree(read.body()).path("entra").path("credential"));
        String etag = read.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> second = call("POST", "/admin/v1/tenants/acme-sec/provision", OPERATOR, body.toString());

        assertEquals(200, second.statusCode(), second.body());
        JsonNode report = JSON.readTree(second.body());
        assertEquals("unchanged", stepChange(report, "client secret"), second.body()); // the sealed one matched
        assertTrue(report.path("unchanged").asBoolean(), second.body());
        assertEquals(etag, etag("acme-sec"));
    }

    @Test
    void provisionWhenAccountLacksTheRoleThen422NamingStepAndPrivilegeAuditedAndNothingRegistered() throws Exception {
        String token = f.token(DemoDirectories.BOB, ProvisioningFixture.ADMIN_SCOPES);

        HttpResponse<String> res = call("POST", "/admin/v1/tenants/acme-bob/provision", OPERATOR,
                federated(token).toString());

        assertEquals(422, res.statusCode(), res.body());
        assertEquals("application/problem+json", res.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = JSON.readTree(res.body());
        assertEquals("urn:mcp-platform:admin:problem:provisioning-insufficient-privileges",
                problem.path("type").asText());
        assertEquals("app registration", problem.path("step").asText());
        assertTrue(problem.path("requiredAccess").asText().contains("Application.ReadWrite.All"), res.body());
        assertTrue(problem.path("detail").asText().startsWith("app registration: insufficient privileges"),
                res.body());
        assertEquals(404, call("GET", "/admin/v1/tenants/acme-bob", OPERATOR, null).statusCode());
        HttpResponse<String> audit = call("GET", "/admin/v1/audit?action=admin.tenant.provision_failed", OPERATOR,
                null);
        assertTrue(audit.body().contains("acme-bob") && audit.body().contains("operator:bootstrap-key"),
                audit.body());
        assertFalse(res.body().contains(token) || audit.body().contains(token));
    }

    @Test
    void provisionWhenBodyBadThen400NamingTheFieldAndNothingWritten() throws Exception {
        long writes = graphWrites();
        ObjectNode noToken = federated("x");
        noToken.remove("graphToken");
        ObjectNode noDirectory = federated(adminToken());
        noDirectory.remove("entraTenantId");
        ObjectNode badType = federated(adminToken());
        badType.with("credential").put("type", "password");
        ObjectNode httpIssuer = federated(adminToken());
        httpIssuer.with("credential").put("oidcIssuer", "http://issuer.example");
        ObjectNode unknownPack = federated(adminToken());
        unknownPack.putArray("toolPacks").add("nope");
        ObjectNode unknownField = federated(adminToken()).put("clientSecret", "x");

        assertEquals("graphToken", problemField(noToken));
        assertEquals("entraTenantId", problemField(noDirectory));
        assertEquals("credential.type", problemField(badType));
        assertEquals("credential.oidcIssuer", problemField(httpIssuer));
        assertEquals("toolPacks", problemField(unknownPack));
        assertEquals("clientSecret", problemField(unknownField));
        assertEquals(writes, graphWrites());
        assertEquals(404, call("GET", "/admin/v1/tenants/acme-bad", OPERATOR, null).statusCode());
    }

    @Test
    void provisionAndDoctorWhenAdminOfAnotherTenantThen403AndNothingWritten() {
        String contoso = "Bearer " + running.entra.standIn().appRoleToken(DemoDirectories.CONTOSO_TID,
                DemoDirectories.CAROL, DemoDirectories.CONTOSO_CLIENT_ID, List.of("Tenant.Admin"),
                Duration.ofMinutes(10));
        long writes = graphWrites();

        assertEquals(403, call("POST", "/admin/v1/tenants/demo/provision", contoso,
                federated(adminToken()).toString()).statusCode());
        assertEquals(403, call("POST", "/admin/v1/tenants/demo/doctor", contoso,
                JSON.createObjectNode().put("graphToken", adminToken()).toString()).statusCode());
        assertEquals(writes, graphWrites());
    }

    @Test
    void doctorWhenProvisionedThenAllOkAndWhenRedirectRemovedThenFailWithItsFix() throws Exception {
        HttpResponse<String> provisioned = call("POST", "/admin/v1/tenants/acme-doc/provision", OPERATOR,
                federated(adminToken()).toString());
        assertEquals(200, provisioned.statusCode(), provisioned.body());
        String appId = JSON.readTree(provisioned.body()).path("appId").asText();
        ObjectNode check = JSON.createObjectNode().put("graphToken", f.token(DemoDirectories.BOB,
                DoctorTest.READ_SCOPES));
        check.putObject("federated").put("oidcIssuer", ISSUER).put("serviceAccount", "mcp:mcp-platform");

        HttpResponse<String> healthy = call("POST", "/admin/v1/tenants/acme-doc/doctor", OPERATOR, check.toString());

        assertEquals(200, healthy.statusCode(), healthy.body());
        JsonNode report = JSON.readTree(healthy.body());
        assertEquals(0, report.path("failed").asInt(), healthy.body());
        assertEquals(12, report.path("ok").asInt(), healthy.body());

        f.graph.directory(DemoDirectories.DEMO_TID).application(appId).orElseThrow()
                .withArray("/web/redirectUris").removeAll();
        HttpResponse<String> broken = call("POST", "/admin/v1/tenants/acme-doc/doctor", OPERATOR, check.toString());

        JsonNode findings = JSON.readTree(broken.body());
        assertEquals(1, findings.path("failed").asInt(), broken.body());
        assertTrue(broken.body().contains("add redirect URI " + running.platform.baseUrl()
                + "/t/acme-doc/oauth2/callback"), broken.body());
        HttpResponse<String> audit = call("GET", "/admin/v1/tenants/acme-doc/audit?action=admin.tenant.doctor",
                OPERATOR, null);
        assertEquals(2, JSON.readTree(audit.body()).path("items").size(), audit.body());

        check.remove("federated");
        assertEquals("federated", field(call("POST", "/admin/v1/tenants/acme-doc/doctor", OPERATOR,
                check.toString())));
        assertEquals(404, call("POST", "/admin/v1/tenants/no-such-tenant/doctor", OPERATOR, check.toString())
                .statusCode());
    }

    private static String stepChange(JsonNode report, String step) {
        for (JsonNode s : report.path("steps")) {
            if (s.path("step").asText().equals(step)) {
                return s.path("change").asText();
            }
        }
        return "missing: " + report;
    }

    private static String problemField(ObjectNode body) throws Exception {
        return field(call("POST", "/admin/v1/tenants/acme-bad/provision", OPERATOR, body.toString()));
    }

    private static String field(HttpResponse<String> res) throws Exception {
        assertEquals(400, res.statusCode(), res.body());
        return JSON.readTree(res.body()).path("field").asText();
    }
}
