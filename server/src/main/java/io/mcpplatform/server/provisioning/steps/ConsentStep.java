package io.mcpplatform.server.provisioning.steps;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.server.provisioning.Change;
import io.mcpplatform.server.provisioning.StepResult;
import io.mcpplatform.server.provisioning.directory.DirectoryClient;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Admin consent as delegated permission grants for all principals, one per resource, identified by
 * (client, resource): Microsoft Graph with the sign-in and tool scopes, and the app's own API with
 * {@link ApiScope#VALUE}. A grant lacking scopes is widened; scopes the customer granted beyond these are kept.
 */
public final class ConsentStep {
    static final String ALL_PRINCIPALS = "AllPrincipals";
    private final DirectoryClient directory;

    public ConsentStep(DirectoryClient directory) {
        this.directory = directory;
    }

    public void run(String clientSpId, GraphPermissions graph, List<String> graphScopes, Consumer<StepResult> log) {
        List<JsonNode> grants = directory.grantsOf(clientSpId);
        converge(grants, clientSpId, graph.servicePrincipalId(), graphScopes, "consent: Graph", log);
        converge(grants, clientSpId, clientSpId, List.of(ApiScope.VALUE), "consent: own API", log);
    }

    private void converge(List<JsonNode> grants, String client, String resource, List<String> scopes, String step,
                          Consumer<StepResult> log) {
        Optional<JsonNode> grant = grants.stream()
                .filter(g -> ALL_PRINCIPALS.equals(g.path("consentType").asText())
                        && resource.equals(g.path("resourceId").asText()))
                .findFirst();
        if (grant.isEmpty()) {
            directory.createGrant(client, resource, String.join(" ", scopes));
            log.accept(new StepResult(step, Change.CREATED, String.join(" ", scopes)));
            return;
        }
        Set<String> granted = new LinkedHashSet<>(List.of(grant.get().path("scope").asText("").strip().split("\\s+")));
        granted.remove("");
        if (granted.containsAll(scopes)) {
            log.accept(new StepResult(step, Change.UNCHANGED, String.join(" ", granted)));
            return;
        }
        granted.addAll(scopes);
        directory.updateGrant(grant.get().path("id").asText(), String.join(" ", granted));
        log.accept(new StepResult(step, Change.UPDATED, String.join(" ", granted)));
    }
}
