package io.mcpplatform.devstack.provisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.graph.DirectoryObjects;
import io.mcpplatform.server.provisioning.CredentialPlan;
import io.mcpplatform.server.provisioning.Provisioner;
import io.mcpplatform.server.provisioning.ProvisioningPlan;
import io.mcpplatform.server.provisioning.doctor.Doctor;
import io.mcpplatform.server.provisioning.doctor.DoctorTarget;
import io.mcpplatform.server.provisioning.doctor.Finding;
import io.mcpplatform.server.provisioning.doctor.MetadataProbe;
import io.mcpplatform.server.provisioning.doctor.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Doctor} against the stand-in Entra and Graph: a healthy tenant, then each listed problem on its own. */
class DoctorTest {
    static final String TID = DemoDirectories.DEMO_TID;
    static final String READ_SCOPES = "https://graph.microsoft.com/Application.Read.All"
            + " https://graph.microsoft.com/Directory.Read.All";
    ProvisioningFixture f;
    String appId;
    DoctorTarget target;

    @BeforeEach
    void provision() {
        f = new ProvisioningFixture();
        ProvisioningPlan plan = ProvisioningFixture.federatedPlan();
        appId = new Provisioner(f.admin(), f::record, Clock.systemUTC()).provision(plan).appId();
        target = target(appId, Optional.of(new DoctorTarget.FederatedSubject(ProvisioningFixture.ISSUER,
                ProvisioningFixture.SUBJECT)));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private DoctorTarget target(String clientId, Optional<DoctorTarget.FederatedSubject> federated) {
        return new DoctorTarget("acme", TID, clientId, "https://login.microsoftonline.com",
                ProvisioningFixture.CALLBACK, ProvisioningFixture.federatedPlan().consentScopes(), federated);
    }

    private List<Finding> examine(DoctorTarget t, Clock clock) {
        Doctor doctor = new Doctor(f.directoryAs(DemoDirectories.BOB, READ_SCOPES),
                new MetadataProbe(Duration.ofSeconds(2), f.entra.endpoints().rewrite()), clock);
        return doctor.examine(t);
    }

    private List<Finding> examine() {
        return examine(target, Clock.systemUTC());
    }

    private DirectoryObjects dir() {
        return f.graph.directory(TID);
    }

    private ObjectNode app() {
        return dir().application(appId).orElseThrow();
    }

    private static Finding only(List<Finding> findings, Severity severity) {
        List<Finding> bad = findings.stream().filter(x -> x.severity() != Severity.OK).toList();
        assertEquals(1, bad.size(), findings.toString());
        assertEquals(severity, bad.getFirst().severity(), findings.toString());
        return bad.getFirst();
    }

    @Test
    void examineWhenProvisionedThenEveryCheckOk() {
        List<Finding> findings = examine();

        assertEquals(List.of(), findings.stream().filter(x -> x.severity() != Severity.OK).toList());
        assertEquals(List.of("Entra metadata", "clock skew", "app registration", "sign-in audience", "identifier URI",
                "API scope", "token version", "redirect URI", "credential", "service principal", "admin consent",
                "API consent"), findings.stream().map(Finding::check).toList());
    }

    @Test
    void examineWhenMetadataUnreachableThenFail() {
        DoctorTarget wrong = new DoctorTarget("acme", TID, appId, "https://login.microsoftonline.com",
                ProvisioningFixture.CALLBACK, target.consentScopes(), target.federated());
        Doctor doctor = new Doctor(f.directoryAs(DemoDirectories.BOB, READ_SCOPES),
                new MetadataProbe(Duration.ofSeconds(2), u -> URI.create("http://127.0.0.1:9" + u.getRawPath())),
                Clock.systemUTC());

        List<Finding> findings = doctor.examine(wrong);

        Finding metadata = findings.getFirst();
        assertEquals(Severity.FAIL, metadata.severity());
        assertTrue(metadata.message().contains("could not be reached"), metadata.toString());
        assertEquals(Severity.WARN, findings.get(1).severity());
    }

    @Test
    void examineWhenClockSixMinutesAheadThenFailNamingNtp() {
        Clock ahead = Clock.fixed(Instant.now().plus(Duration.ofMinutes(6)), ZoneOffset.UTC);

        Finding skew = only(examine(target, ahead), Severity.FAIL);

        assertEquals("clock skew", skew.check());
        assertTrue(skew.fix().contains("NTP"), skew.toString());
    }

    @Test
    void examineWhenAppMissingThenFailPointingToProvision() {
        Finding missing = only(examine(target("00000000-0000-4000-8000-0000000000aa", target.federated()),
                Clock.systemUTC()), Severity.FAIL);

        assertEquals("app registration", missing.check());
        assertTrue(missing.fix().contains("bin/mcp-platform provision --tenant acme"), missing.toString());
    }

    @Test
    void examineWhenTokenVersionOneThenFailWithManifestFix() {
        ((ObjectNode) app().path("api")).put("requestedAccessTokenVersion", 1);

        Finding version = only(examine(), Severity.FAIL);

        assertEquals("token version", version.check());
        assertEquals("set \"requestedAccessTokenVersion\": 2 in the app's Manifest", version.fix());
    }

    @Test
    void examineWhenRedirectUriMissingThenFailNamingTheUri() {
        app().withArray("/web/redirectUris").removeAll().add("https://elsewhere.example.com/cb");

        Finding redirect = only(examine(), Severity.FAIL);

        assertEquals("redirect URI", redirect.check());
        assertEquals("add redirect URI https://mcp.example.com/t/acme/oauth2/callback (platform Web) under"
                + " Authentication in the app registration", redirect.fix());
    }

    @Test
    void examineWhenIdentifierUriMissingThenFail() {
        app().withArray("identifierUris").removeAll();

        assertEquals("identifier URI", only(examine(), Severity.FAIL).check());
    }

    @Test
    void examineWhenScopeDisabledThenFail() {
        ((ObjectNode) app().path("api").path("oauth2PermissionScopes").get(0)).put("isEnabled", false);

        assertEquals("API scope", only(examine(), Severity.FAIL).check());
    }

    @Test
    void examineWhenServicePrincipalMissingThenFail() {
        dir().deleteServicePrincipal(appId);

        assertEquals("service principal", only(examine(), Severity.FAIL).check());
    }

    @Test
    void examineWhenConsentLacksFilesReadThenFailNamingIt() {
        String graphSp = dir().graphServicePrincipal().path("id").asText();
        dir().grants().stream().filter(g -> g.path("resourceId").asText().equals(graphSp))
                .forEach(g -> g.put("scope", "User.Read email offline_access openid profile GroupMember.Read.All"));

        Finding consent = only(examine(), Severity.FAIL);

        assertEquals("admin consent", consent.check());
        assertTrue(consent.message().endsWith("Files.Read"), consent.toString());
    }

    @Test
    void examineWhenFederatedSubjectWrongThenFail() {
        dir().federatedCredentials(appId).getFirst().put("subject", "system:serviceaccount:other:sa");

        Finding credential = only(examine(), Severity.FAIL);

        assertEquals("credential", credential.check());
        assertTrue(credential.message().contains(ProvisioningFixture.SUBJECT), credential.toString());
    }

    @Test
    void examineWhenSecretCloseToExpiryThenWarnAndWhenExpiredThenFail() {
        ProvisioningFixture.MemorySink sink = new ProvisioningFixture.MemorySink();
        new Provisioner(f.admin(), f::record, Clock.systemUTC()).provision(ProvisioningFixture.plan(
                new CredentialPlan.Secret("mcp-platform", Duration.ofDays(20), Duration.ofDays(1), sink)));
        DoctorTarget secret = target(appId, Optional.empty());

        Finding soon = only(examine(secret, Clock.systemUTC()), Severity.WARN);
        assertEquals("credential", soon.check());

        Finding expired = only(examine(secret, Clock.fixed(Instant.now().plus(Duration.ofDays(21)),
                ZoneOffset.UTC)).stream().filter(x -> !x.check().equals("clock skew")).toList(), Severity.FAIL);
        assertTrue(expired.message().startsWith("every client secret has expired"), expired.toString());
    }

    @Test
    void examineWhenCertificateTenantThenKeyCredentialsCheckedNotSecrets() {
        DoctorTarget certificate = new DoctorTarget("acme", TID, appId, "https://login.microsoftonline.com",
                ProvisioningFixture.CALLBACK, ProvisioningFixture.federatedPlan().consentScopes(), Optional.empty(),
                DoctorTarget.CredentialKind.CERTIFICATE);

        Finding none = only(examine(certificate, Clock.systemUTC()), Severity.FAIL);
        assertEquals("the app has no certificate", none.message());

        app().putArray("keyCredentials").addObject().put("type", "AsymmetricX509Cert").put("usage", "Verify")
                .put("endDateTime", Instant.now().plus(Duration.ofDays(200)).toString());
        List<Finding> valid = examine(certificate, Clock.systemUTC());
        assertTrue(valid.stream().allMatch(x -> x.severity() == Severity.OK), valid.toString());
        assertTrue(valid.stream().anyMatch(x -> x.message().startsWith("certificate valid until")), valid.toString());

        Finding expired = only(examine(certificate, Clock.fixed(Instant.now().plus(Duration.ofDays(201)),
                ZoneOffset.UTC)).stream().filter(x -> !x.check().equals("clock skew")).toList(), Severity.FAIL);
        assertTrue(expired.message().startsWith("every certificate has expired"), expired.toString());
    }
}
