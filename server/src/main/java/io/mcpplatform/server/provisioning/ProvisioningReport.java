package io.mcpplatform.server.provisioning;

import java.util.List;

/**
 * What a provisioning run did, step by step.
 *
 * @param steps    in order
 * @param appId    the app registration's application (client) id
 * @param tenantId the directory id
 */
public record ProvisioningReport(List<StepResult> steps, String appId, String tenantId) {
    public ProvisioningReport {
        steps = List.copyOf(steps);
    }

    /** Whether the run changed nothing anywhere. */
    public boolean unchanged() {
        return steps.stream().allMatch(s -> s.change() == Change.UNCHANGED);
    }
}
