package io.mcpplatform.server.provisioning.steps;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.server.provisioning.Change;
import io.mcpplatform.server.provisioning.CredentialPlan;
import io.mcpplatform.server.provisioning.StepResult;
import io.mcpplatform.server.provisioning.TenantSpec;
import io.mcpplatform.server.provisioning.directory.DirectoryClient;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The app's credential. Federated: one federated identity credential, found by name, created or corrected (issuer,
 * subject, audience). Secret: the platform's secret (found by display name) is kept when it has more than the
 * renewal window left and the operator's sink still holds it (its first three characters match Graph's
 * {@code hint}); otherwise a new one is added, written once to the sink, and the older ones of the same name are
 * returned for retirement after the tenant is registered with the new one.
 */
public final class CredentialStep {
    private final DirectoryClient directory;
    private final Clock clock;

    public CredentialStep(DirectoryClient directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * @param credential       what the platform will present
     * @param retiredPasswords key ids of this platform's older secrets, to remove once the tenant uses the new one
     */
    public record Outcome(TenantSpec.Credential credential, List<String> retiredPasswords) {
        public Outcome {
            retiredPasswords = List.copyOf(retiredPasswords);
        }
    }

    public Outcome run(RegisteredApp app, CredentialPlan plan, Consumer<StepResult> log) {
        return switch (plan) {
            case CredentialPlan.Federated f -> federated(app, f, log);
            case CredentialPlan.Secret s -> secret(app, s, log);
        };
    }

    private Outcome federated(RegisteredApp app, CredentialPlan.Federated plan, Consumer<StepResult> log) {
        Optional<JsonNode> found = directory.federatedCredentials(app.objectId()).stream()
                .filter(f -> plan.name().equals(f.path("name").asText())).findFirst();
        Map<String, Object> wanted = Map.of("issuer", plan.issuer().toString(), "subject", plan.subject(),
                "audiences", List.of(CredentialPlan.Federated.AUDIENCE));
        Change change;
        if (found.isEmpty()) {
            Map<String, Object> body = new java.util.LinkedHashMap<>(wanted);
            body.put("name", plan.name());
            body.put("description", "mcp-platform workload identity");
            directory.createFederatedCredential(app.objectId(), body);
            change = Change.CREATED;
        } else if (!matches(found.get(), plan)) {
            directory.updateFederatedCredential(app.objectId(), found.get().path("id").asText(), wanted);
            change = Change.UPDATED;
        } else {
            change = Change.UNCHANGED;
        }
        log.accept(new StepResult("federated credential", change, plan.name() + ": " + plan.subject() + " @ "
                + plan.issuer()));
        return new Outcome(new TenantSpec.Federated(), List.of());
    }

    private static boolean matches(JsonNode fic, CredentialPlan.Federated plan) {
        List<String> audiences = new ArrayList<>();
        fic.path("audiences").forEach(a -> audiences.add(a.asText()));
        return plan.issuer().toString().equals(fic.path("issuer").asText())
                && plan.subject().equals(fic.path("subject").asText())
                && audiences.equals(List.of(CredentialPlan.Federated.AUDIENCE));
    }

    private Outcome secret(RegisteredApp app, CredentialPlan.Secret plan, Consumer<StepResult> log) {
        Instant now = clock.instant();
        List<JsonNode> ours = new ArrayList<>();
        app.json().path("passwordCredentials").forEach(p -> {
            if (plan.displayName().equals(p.path("displayName").asText())) {
                ours.add(p);
            }
        });
        Optional<String> kept = plan.sink().existing();
        if (kept.isPresent() && kept.get().length() >= 3) {
            String hint = kept.get().substring(0, 3);
            Optional<JsonNode> live = ours.stream()
                    .filter(p -> hint.equals(p.path("hint").asText()))
                    .filter(p -> endOf(p).isAfter(now.plus(plan.renewBefore())))
                    .findFirst();
            if (live.isPresent()) {
                log.accept(new StepResult("client secret", Change.UNCHANGED, plan.displayName() + ", expires "
                        + endOf(live.get())));
                return new Outcome(new TenantSpec.Secret(kept.get()), List.of());
            }
        }
        Instant end = now.plus(plan.lifetime());
        JsonNode added = directory.addPassword(app.objectId(), plan.displayName(), end);
        String secret = added.path("secretText").asText("");
        if (secret.isEmpty()) {
            throw new IllegalStateException("Microsoft Graph returned no secret text for the new client secret");
        }
        plan.sink().write(secret);
        log.accept(new StepResult("client secret", Change.CREATED, plan.displayName() + ", expires " + end
                + (ours.isEmpty() ? "" : "; " + ours.size() + " older one(s) removed after registration")));
        return new Outcome(new TenantSpec.Secret(secret), ours.stream().map(p -> p.path("keyId").asText()).toList());
    }

    private static Instant endOf(JsonNode password) {
        try {
            return Instant.parse(password.path("endDateTime").asText());
        } catch (RuntimeException unreadable) {
            return Instant.EPOCH;
        }
    }
}
