package io.mcpplatform.devstack.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.graph.DirectoryObjects;
import io.mcpplatform.devstack.graph.GraphStandIn;
import io.mcpplatform.server.provisioning.AdminGroupPlan;
import io.mcpplatform.server.provisioning.Change;
import io.mcpplatform.server.provisioning.CredentialPlan;
import io.mcpplatform.server.provisioning.Provisioner;
import io.mcpplatform.server.provisioning.ProvisioningException;
import io.mcpplatform.server.provisioning.ProvisioningPlan;
import io.mcpplatform.server.provisioning.ProvisioningReport;
import io.mcpplatform.server.provisioning.StepResult;
import io.mcpplatform.server.provisioning.TenantSpec;
import io.mcpplatform.server.provisioning.directory.DirectoryClient;
import io.mcpplatform.server.provisioning.steps.ApiScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Provisioner} against the stand-in Graph over real sockets, every request recorded. */
class ProvisionerTest {
    static final String TID = DemoDirectories.DEMO_TID;
    ProvisioningFixture f;

    @BeforeEach
    void start() {
        f = new ProvisioningFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Provisioner provisioner(DirectoryClient directory) {
        return new Provisioner(directory, f::record, Clock.systemUTC());
    }

    private DirectoryObjects dir() {
        return f.graph.directory(TID);
    }

    @Test
    void provisionWhenFirstRunThenCreatesEverythingAndRegistersTheTenant() {
        ProvisioningReport report = provisioner(f.admin()).provision(ProvisioningFixture.federatedPlan());

        JsonNode app = dir().application(report.appId()).orElseThrow();
        assertEquals("mcp-platform-acme", app.path("uniqueName").asText());
        assertEquals("Acme MCP", app.path("displayName").asText());
        assertEquals("AzureADMyOrg", app.path("signInAudience").asText());
        assertEquals("api://" + report.appId(), app.path("identifierUris").get(0).asText());
        assertEquals(2, app.path("api").path("requestedAccessTokenVersion").asInt());
        JsonNode scope = app.path("api").path("oauth2PermissionScopes").get(0);
        assertEquals(ApiScope.ID, scope.path("id").asText());
        assertEquals("access_as_user", scope.path("value").asText());
        assertTrue(scope.path("isEnabled").asBoolean());
        assertEquals(ProvisioningFixture.CALLBACK.toString(), app.path("web").path("redirectUris").get(0).asText());
        assertEquals(7, app.path("requiredResourceAccess").get(0).path("resourceAccess").size());

        String sp = dir().servicePrincipal(report.appId()).orElseThrow().path("id").asText();
        JsonNode fic = dir().federatedCredentials(report.appId()).getFirst();
        assertEquals(ProvisioningFixture.ISSUER.toString(), fic.path("issuer").asText());
        assertEquals(ProvisioningFixture.SUBJECT, fic.path("subject").asText());
        assertEquals("api://AzureADTokenExchange", fic.path("audiences").get(0).asText());

        assertEquals(Set.of("User.Read", "email", "offline_access", "openid", "profile", "GroupMember.Read.All",
                "Files.Read"), grantedScopes(sp, dir().graphServicePrincipal().path("id").asText()));
        assertEquals(Set.of("access_as_user"), grantedScopes(sp, sp));

        TenantSpec spec = f.registered.getFirst();
        assertEquals(report.appId(), spec.clientId());
        assertEquals(TID, spec.tenantId());
        assertInstanceOf(TenantSpec.Federated.class, spec.credential());
        assertEquals(List.of("echo", "graph"), spec.toolPacks());
        assertEquals(List.of("User.Read", "GroupMember.Read.All", "Files.Read"), spec.graphScopes());
        assertEquals(List.of("PATCH", "PATCH", "POST", "POST", "POST", "POST"),
                f.writes().stream().map(GraphStandIn.Request::method).toList());
        assertTrue(f.writes().getFirst().path().endsWith("/applications(uniqueName='mcp-platform-acme')"));
    }

    @Test
    void provisionWhenRunTwiceThenSecondRunWritesNothingToTheDirectory() {
        ProvisioningReport first = provisioner(f.admin()).provision(ProvisioningFixture.federatedPlan());
        f.graph.reset();

        ProvisioningReport second = provisioner(f.admin()).provision(ProvisioningFixture.federatedPlan());

        assertEquals(List.of(), f.writes());
        assertEquals(first.appId(), second.appId());
        assertEquals(1, dir().applicationCount());
        for (StepResult step : second.steps()) {
            assertEquals(step.step().equals("tenant registration") ? Change.UPDATED : Change.UNCHANGED,
                    step.change(), step.toString());
        }
        assertEquals(f.registered.get(0), f.registered.get(1));
    }

    @Test
    void provisionWhenAnyWriteFailsThenRerunResumesToTheSameEndState() {
        int writes = 6;
        for (int failing = 1; failing <= writes; failing++) {
            try (ProvisioningFixture run = new ProvisioningFixture()) {
                run.graph.failWrite(failing);
                Provisioner p = new Provisioner(run.admin(), run::record, Clock.systemUTC());
                ProvisioningException e = assertThrows(ProvisioningException.class,
                        () -> p.provision(ProvisioningFixture.federatedPlan()));
                assertTrue(e.getMessage().contains("run the command again to resume"), e.getMessage());
                assertTrue(run.registered.isEmpty());

                ProvisioningReport resumed = p.provision(ProvisioningFixture.federatedPlan());

                DirectoryObjects d = run.graph.directory(TID);
                assertEquals(1, d.applicationCount(), "write " + failing);
                JsonNode app = d.application(resumed.appId()).orElseThrow();
                assertEquals("api://" + resumed.appId(), app.path("identifierUris").get(0).asText(), "write " + failing);
                assertEquals(1, d.federatedCredentials(resumed.appId()).size());
                String sp = d.servicePrincipal(resumed.appId()).orElseThrow().path("id").asText();
                assertEquals(2, d.grants().stream().filter(g -> g.path("clientId").asText().equals(sp)).count());
                assertEquals(1, run.registered.size());
                run.graph.reset();
                p.provision(ProvisioningFixture.federatedPlan());
                assertEquals(List.of(), run.writes(), "after resuming from write " + failing);
            }
        }
    }

    @Test
    void provisionWhenCallerHoldsNoDirectoryRoleThenInsufficientPrivilegesAndNothingCreated() {
        DirectoryClient bob = f.directoryAs(DemoDirectories.BOB, ProvisioningFixture.ADMIN_SCOPES);

        ProvisioningException e = assertThrows(ProvisioningException.class,
                () -> provisioner(bob).provision(ProvisioningFixture.federatedPlan()));

        assertEquals("app registration", e.step());
        assertTrue(e.getMessage().contains("insufficient privileges in directory " + TID), e.getMessage());
        assertTrue(e.getMessage().contains("Authorization_RequestDenied"), e.getMessage());
        assertTrue(e.getMessage().contains("Application.ReadWrite.All"), e.getMessage());
        assertEquals(0, dir().applicationCount());
        assertTrue(f.registered.isEmpty());
    }

    @Test
    void provisionWhenAdminTokenLacksGrantPermissionThenStopsAtConsentWithClearError() {
        DirectoryClient noGrants = f.directoryAs(DemoDirectories.ALICE,
                "https://graph.microsoft.com/Application.ReadWrite.All");

        ProvisioningException e = assertThrows(ProvisioningException.class,
                () -> provisioner(noGrants).provision(ProvisioningFixture.federatedPlan()));

        assertEquals("admin consent", e.step());
        assertTrue(e.getMessage().contains("DelegatedPermissionGrant.ReadWrite.All"), e.getMessage());
        assertTrue(f.registered.isEmpty());
    }

    @Test
    void provisionWhenAppExistsWithCustomerChangesThenConvergesAndKeepsThem() {
        ProvisioningReport first = provisioner(f.admin()).provision(ProvisioningFixture.federatedPlan());
        ObjectNode app = dir().application(first.appId()).orElseThrow();
        ((ObjectNode) app.path("api")).put("requestedAccessTokenVersion", 1);
        ((ObjectNode) app.path("api").path("oauth2PermissionScopes").get(0)).put("isEnabled", false);
        app.withArray("/web/redirectUris").removeAll().add("https://other.example.com/callback");
        dir().federatedCredentials(first.appId()).getFirst().put("subject", "system:serviceaccount:old:sa");

        ProvisioningReport second = provisioner(f.admin()).provision(ProvisioningFixture.federatedPlan());

        JsonNode fixed = dir().application(first.appId()).orElseThrow();
        assertEquals(2, fixed.path("api").path("requestedAccessTokenVersion").asInt());
        assertTrue(fixed.path("api").path("oauth2PermissionScopes").get(0).path("isEnabled").asBoolean());
        List<String> redirects = new ArrayList<>();
        fixed.path("web").path("redirectUris").forEach(u -> redirects.add(u.asText()));
        assertEquals(List.of("https://other.example.com/callback", ProvisioningFixture.CALLBACK.toString()), redirects);
        assertEquals(ProvisioningFixture.SUBJECT,
                dir().federatedCredentials(first.appId()).getFirst().path("subject").asText());
        assertEquals(Change.UPDATED, change(second, "app registration"));
        assertEquals(Change.UPDATED, change(second, "federated credential"));
    }

    @Test
    void provisionWhenSecretThenWrittenOnceReusedNextRunAndReplacedWhenSinkLost() {
        ProvisioningFixture.MemorySink sink = new ProvisioningFixture.MemorySink();
        ProvisioningPlan plan = ProvisioningFixture.plan(new CredentialPlan.Secret("mcp-platform",
                Duration.ofDays(180), Duration.ofDays(30), sink));

        ProvisioningReport first = provisioner(f.admin()).provision(plan);
        assertEquals(1, sink.written.size());
        String secret = sink.written.getFirst();
        assertEquals(new TenantSpec.Secret(secret), f.registered.getFirst().credential());
        JsonNode password = dir().application(first.appId()).orElseThrow().path("passwordCredentials").get(0);
        Instant end = Instant.parse(password.path("endDateTime").asText());
        assertTrue(end.isBefore(Instant.now().plus(Duration.ofDays(181))) && end.isAfter(Instant.now()
                .plus(Duration.ofDays(179))), end.toString());
        assertFalse(first.steps().toString().contains(secret));

        f.graph.reset();
        provisioner(f.admin()).provision(plan);
        assertEquals(List.of(), f.writes());
        assertEquals(1, sink.written.size());
        assertEquals(new TenantSpec.Secret(secret), f.registered.get(1).credential());

        sink.kept = Optional.empty();
        provisioner(f.admin()).provision(plan);
        assertEquals(2, sink.written.size());
        JsonNode passwords = dir().application(first.appId()).orElseThrow().path("passwordCredentials");
        assertEquals(1, passwords.size());
        assertEquals(sink.written.get(1).substring(0, 3), passwords.get(0).path("hint").asText());
        assertEquals(new TenantSpec.Secret(sink.written.get(1)), f.registered.get(2).credential());
    }

    @Test
    void provisionWhenAdminGroupNamedThenCreatedOnceAndRegistered() {
        ProvisioningPlan base = ProvisioningFixture.federatedPlan();
        ProvisioningPlan plan = new ProvisioningPlan(base.slug(), base.displayName(), TID, null,
                base.callbackUrl(), base.toolPacks(), base.graphScopes(), base.credential(),
                Optional.of(new AdminGroupPlan.Named("Acme MCP admins", "mcp-acme-admins")));

        provisioner(f.admin()).provision(plan);
        provisioner(f.admin()).provision(plan);

        String id = f.registered.getFirst().adminGroupId().orElseThrow();
        assertEquals(f.registered.getFirst().adminGroupId(), f.registered.get(1).adminGroupId());
        assertEquals(1, f.graph.requests().stream().filter(r -> r.isWrite() && r.path().endsWith("/groups")).count());
        assertTrue(f.graph.requests().stream().anyMatch(r -> r.path().endsWith("/groups")
                && r.body().contains("\"securityEnabled\":true")), id);
    }

    @Test
    void provisionWhenExistingAdminGroupMissingThenErrorNamesIt() {
        ProvisioningPlan base = ProvisioningFixture.federatedPlan();
        String missing = "00000000-0000-4000-8000-000000000404";
        ProvisioningPlan plan = new ProvisioningPlan(base.slug(), base.displayName(), TID, null,
                base.callbackUrl(), base.toolPacks(), base.graphScopes(), base.credential(),
                Optional.of(new AdminGroupPlan.Existing(missing)));

        ProvisioningException e = assertThrows(ProvisioningException.class,
                () -> provisioner(f.admin()).provision(plan));

        assertEquals("admin group: admin group " + missing + " does not exist in the directory", e.getMessage());
        assertTrue(f.registered.isEmpty());
    }

    private static Change change(ProvisioningReport report, String step) {
        return report.steps().stream().filter(s -> s.step().equals(step)).findFirst().orElseThrow().change();
    }

    private Set<String> grantedScopes(String client, String resource) {
        return dir().grants().stream()
                .filter(g -> g.path("clientId").asText().equals(client) && g.path("resourceId").asText().equals(resource)
                        && g.path("consentType").asText().equals("AllPrincipals"))
                .map(g -> new TreeSet<>(List.of(g.path("scope").asText().split(" "))))
                .findFirst().map(Set::copyOf).orElse(Set.of());
    }
}
