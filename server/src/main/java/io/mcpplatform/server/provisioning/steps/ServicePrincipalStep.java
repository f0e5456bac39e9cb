package io.mcpplatform.server.provisioning.steps;

import io.mcpplatform.server.provisioning.Change;
import io.mcpplatform.server.provisioning.StepResult;
import io.mcpplatform.server.provisioning.directory.DirectoryClient;

import java.util.function.Consumer;

/** The app's service principal (enterprise application) in the directory: found by app id, else created. */
public final class ServicePrincipalStep {
    private final DirectoryClient directory;

    public ServicePrincipalStep(DirectoryClient directory) {
        this.directory = directory;
    }

    /** The service principal's object id. */
    public String run(RegisteredApp app, Consumer<StepResult> log) {
        var found = directory.servicePrincipal(app.appId());
        String id = found.orElseGet(() -> directory.createServicePrincipal(app.appId())).path("id").asText();
        log.accept(new StepResult("service principal", found.isPresent() ? Change.UNCHANGED : Change.CREATED,
                "id " + id));
        return id;
    }
}
