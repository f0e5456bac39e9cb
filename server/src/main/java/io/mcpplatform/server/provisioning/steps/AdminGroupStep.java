package io.mcpplatform.server.provisioning.steps;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.server.provisioning.AdminGroupPlan;
import io.mcpplatform.server.provisioning.Change;
import io.mcpplatform.server.provisioning.StepResult;
import io.mcpplatform.server.provisioning.directory.DirectoryClient;

import java.util.Optional;
import java.util.function.Consumer;

/** The tenant's admin group: an existing one must exist; a named one is found by mail nickname or created. */
public final class AdminGroupStep {
    private final DirectoryClient directory;

    public AdminGroupStep(DirectoryClient directory) {
        this.directory = directory;
    }

    /** The group's object id. */
    public String run(AdminGroupPlan plan, Consumer<StepResult> log) {
        return switch (plan) {
            case AdminGroupPlan.Existing existing -> {
                directory.group(existing.id()).orElseThrow(() -> new IllegalArgumentException(
                        "admin group " + existing.id() + " does not exist in the directory"));
                log.accept(new StepResult("admin group", Change.UNCHANGED, "id " + existing.id()));
                yield existing.id();
            }
            case AdminGroupPlan.Named named -> {
                Optional<JsonNode> found = directory.groupByNickname(named.mailNickname());
                String id = found.orElseGet(() -> directory.createSecurityGroup(named.displayName(),
                        named.mailNickname())).path("id").asText();
                log.accept(new StepResult("admin group", found.isPresent() ? Change.UNCHANGED : Change.CREATED,
                        named.displayName() + ", id " + id));
                yield id;
            }
        };
    }
}
