package io.mcpplatform.server.provisioning.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.server.graph.GraphException;
import io.mcpplatform.server.provisioning.directory.DirectoryClient;
import io.mcpplatform.server.provisioning.steps.ApiScope;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks one tenant's live Entra configuration and says what is wrong and how to fix it: the directory's metadata is
 * reachable and names the right issuer, the clocks agree, the app and its service principal exist, v2 tokens, the
 * identifier URI, scope and redirect URI are there, admin consent covers the scopes, the credential is valid and not
 * close to expiry. Each check becomes a {@link Finding}; none throws. Graph is read only.
 */
public final class Doctor {
    /** Clock difference that breaks token validation (Entra and the platform allow about 5 minutes). */
    public static final Duration SKEW_FAIL = Duration.ofMinutes(5);
    /** Clock difference worth a warning. */
    public static final Duration SKEW_WARN = Duration.ofMinutes(1);
    /** A secret closer than this to its end is a warning. */
    public static final Duration EXPIRY_WARN = Duration.ofDays(30);

    private final DirectoryClient directory;
    private final MetadataProbe metadata;
    private final Clock clock;

    public Doctor(DirectoryClient directory, MetadataProbe metadata, Clock clock) {
        this.directory = directory;
        this.metadata = metadata;
        this.clock = clock;
    }

    public List<Finding> examine(DoctorTarget target) {
        List<Finding> out = new ArrayList<>();
        entra(target, out);
        try {
            directory(target, out);
        } catch (GraphException e) {
            out.add(Finding.fail("directory access", "Microsoft Graph: " + e.getMessage(),
                    e.status() == 403 ? "sign in as an account that may read applications and grants"
                            + " (Application.Read.All, Directory.Read.All)" : "check the network and run doctor again"));
        }
        return out;
    }

    private void entra(DoctorTarget target, List<Finding> out) {
        MetadataProbe.Answer answer = metadata.fetch(target.authority(), target.tenantId());
        String expectedIssuer = "/" + target.tenantId() + "/v2.0";
        if (answer.status() != 200 || answer.body().isEmpty()) {
            out.add(Finding.fail("Entra metadata", answer.status() == 0
                    ? "the directory's OpenID metadata at " + target.authority() + " could not be reached ("
                    + answer.error() + ")" : "the directory's OpenID metadata answered HTTP " + answer.status(),
                    "check that the directory id " + target.tenantId() + " and the authority " + target.authority()
                            + " are right and that the platform can reach it"));
        } else if (!answer.body().get().path("issuer").asText().endsWith(expectedIssuer)) {
            out.add(Finding.fail("Entra metadata", "the metadata names issuer "
                    + answer.body().get().path("issuer").asText() + ", not the directory " + target.tenantId(),
                    "use the directory (tenant) id, not a domain name or another tenant's id"));
        } else {
            out.add(Finding.ok("Entra metadata", answer.body().get().path("issuer").asText()));
        }
        if (answer.serverTime().isEmpty()) {
            out.add(Finding.warn("clock skew", "could not be measured (no Date header from Entra)",
                    "make sure the host's clock is synchronised (NTP)"));
            return;
        }
        Duration skew = Duration.between(answer.serverTime().get(), clock.instant()).abs();
        String text = "the local clock is " + skew.toSeconds() + " s off Entra's";
        out.add(skew.compareTo(SKEW_FAIL) > 0 ? Finding.fail("clock skew", text, "synchronise the host's clock (NTP);"
                + " tokens are refused beyond 5 minutes of skew")
                : skew.compareTo(SKEW_WARN) > 0 ? Finding.warn("clock skew", text, "synchronise the host's clock (NTP)")
                : Finding.ok("clock skew", text));
    }

    private void directory(DoctorTarget target, List<Finding> out) {
        Optional<JsonNode> app = directory.applicationByAppId(target.clientId());
        if (app.isEmpty()) {
            out.add(Finding.fail("app registration", "no application with id " + target.clientId()
                    + " in directory " + target.tenantId(), "run bin/mcp-platform provision --tenant "
                    + target.slug() + " or register it as docs/entra-portal.md shows"));
            return;
        }
        out.add(Finding.ok("app registration", app.get().path("displayName").asText() + " (" + target.clientId() + ")"));
        AppChecks.run(app.get(), target, out::add);
        credential(app.get(), target, out);
        Optional<JsonNode> sp = directory.servicePrincipal(target.clientId());
        if (sp.isEmpty()) {
            out.add(Finding.fail("service principal", "the app has no service principal (enterprise application)"
                    + " in the directory", "open the app registration's 'Managed application in local directory'"
                    + " link, or run bin/mcp-platform provision"));
            return;
        }
        out.add(Finding.ok("service principal", sp.get().path("id").asText()));
        consent(sp.get().path("id").asText(), target, out);
    }

    private void consent(String spId, DoctorTarget target, List<Finding> out) {
        String graphSp = directory.servicePrincipal(DirectoryClient.GRAPH_APP_ID).map(g -> g.path("id").asText())
                .orElse("");
        List<JsonNode> grants = directory.grantsOf(spId);
        List<String> graphMissing = AppChecks.missing(granted(grants, graphSp), target.consentScopes());
        out.add(graphMissing.isEmpty() ? Finding.ok("admin consent", String.join(" ", target.consentScopes()))
                : Finding.fail("admin consent", "no admin consent for Microsoft Graph " + String.join(", ", graphMissing),
                "grant admin consent under API permissions in the app registration (Microsoft Graph delegated: "
                        + String.join(", ", graphMissing) + ")"));
        List<String> apiMissing = AppChecks.missing(granted(grants, spId), List.of(ApiScope.VALUE));
        out.add(apiMissing.isEmpty() ? Finding.ok("API consent", ApiScope.VALUE)
                : Finding.fail("API consent", "no admin consent for the app's own scope " + ApiScope.VALUE,
                "add the app's own " + ApiScope.VALUE + " under API permissions (My APIs) and grant admin consent"));
    }

    private static String granted(List<JsonNode> grants, String resource) {
        return grants.stream().filter(g -> "AllPrincipals".equals(g.path("consentType").asText())
                        && resource.equals(g.path("resourceId").asText()))
                .map(g -> g.path("scope").asText("")).findFirst().orElse("");
    }

    private void credential(JsonNode app, DoctorTarget target, List<Finding> out) {
        if (target.federated().isPresent()) {
            DoctorTarget.FederatedSubject want = target.federated().get();
            boolean found = directory.federatedCredentials(app.path("id").asText()).stream().anyMatch(f ->
                    want.issuer().toString().equals(f.path("issuer").asText())
                            && want.subject().equals(f.path("subject").asText())
                            && AppChecks.contains(f.path("audiences"), "api://AzureADTokenExchange"));
            out.add(found ? Finding.ok("credential", "federated: " + want.subject())
                    : Finding.fail("credential", "no federated credential for " + want.subject() + " from "
                    + want.issuer(), "add a federated credential (Kubernetes) with that issuer, namespace and"
                    + " service account under Certificates & secrets, or run bin/mcp-platform provision"));
            return;
        }
        if (target.credential() == DoctorTarget.CredentialKind.CERTIFICATE) {
            expiry(app.path("keyCredentials"), "certificate", "add a new certificate under Certificates & secrets and"
                    + " give its private key to the platform (credential type certificate)", out);
        } else {
            expiry(app.path("passwordCredentials"), "client secret", "add a new client secret under Certificates &"
                    + " secrets and give it to the platform, or run bin/mcp-platform provision --credential secret",
                    out);
        }
    }

    /** The newest of the app's secrets or certificates: missing or expired fails, within {@link #EXPIRY_WARN} warns. */
    private void expiry(JsonNode credentials, String noun, String renew, List<Finding> out) {
        Instant now = clock.instant();
        Optional<Instant> latest = Optional.empty();
        for (JsonNode p : credentials) {
            try {
                Instant end = Instant.parse(p.path("endDateTime").asText());
                latest = latest.isEmpty() || end.isAfter(latest.get()) ? Optional.of(end) : latest;
            } catch (RuntimeException unreadable) {
                // a credential without a readable end date is ignored
            }
        }
        if (latest.isEmpty()) {
            out.add(Finding.fail("credential", "the app has no " + noun, renew));
        } else if (!latest.get().isAfter(now)) {
            out.add(Finding.fail("credential", "every " + noun + " has expired (latest " + latest.get() + ")", renew));
        } else if (latest.get().isBefore(now.plus(EXPIRY_WARN))) {
            out.add(Finding.warn("credential", "the newest " + noun + " expires " + latest.get(), renew));
        } else {
            out.add(Finding.ok("credential", noun + " valid until " + latest.get()));
        }
    }
}
