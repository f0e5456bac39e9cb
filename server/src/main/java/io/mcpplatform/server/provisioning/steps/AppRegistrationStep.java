package io.mcpplatform.server.provisioning.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpplatform.server.provisioning.Change;
import io.mcpplatform.server.provisioning.ProvisioningPlan;
import io.mcpplatform.server.provisioning.StepResult;
import io.mcpplatform.server.provisioning.directory.DirectoryClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the app registration by its unique name and creates it when missing ({@code Prefer: create-if-missing}), then
 * converges it in one {@code PATCH}: single tenant, {@code api://{appId}}, the {@link ApiScope}, token version 2, the
 * platform's callback, Graph's delegated permissions. A run interrupted after the creation resumes from the lookup.
 */
public final class AppRegistrationStep {
    private final DirectoryClient directory;

    public AppRegistrationStep(DirectoryClient directory) {
        this.directory = directory;
    }

    public RegisteredApp run(ProvisioningPlan plan, GraphPermissions graph, Consumer<StepResult> log) {
        List<String> scopeIds = scopeIds(plan, graph);
        Optional<JsonNode> found = directory.applicationByUniqueName(plan.uniqueName());
        JsonNode app = found.orElseGet(() -> directory.createApplication(plan.uniqueName(),
                ApplicationChanges.creation(plan, scopeIds, DirectoryClient.GRAPH_APP_ID)));
        ObjectNode changes = ApplicationChanges.needed(app, plan, scopeIds, DirectoryClient.GRAPH_APP_ID);
        if (!changes.isEmpty()) {
            directory.updateApplication(app.path("id").asText(), changes);
        }
        Change change = found.isEmpty() ? Change.CREATED : changes.isEmpty() ? Change.UNCHANGED : Change.UPDATED;
        List<String> fields = new ArrayList<>();
        changes.fieldNames().forEachRemaining(fields::add);
        log.accept(new StepResult("app registration", change, "appId " + app.path("appId").asText()
                + (change == Change.UPDATED ? " (" + String.join(", ", fields) + ")" : "")));
        return RegisteredApp.of(app);
    }

    private static List<String> scopeIds(ProvisioningPlan plan, GraphPermissions graph) {
        List<String> ids = new ArrayList<>();
        for (String scope : plan.consentScopes()) {
            ids.add(graph.idOf(scope).orElseThrow(() -> new IllegalArgumentException(
                    "Microsoft Graph has no delegated permission '" + scope + "'")));
        }
        return ids;
    }
}
