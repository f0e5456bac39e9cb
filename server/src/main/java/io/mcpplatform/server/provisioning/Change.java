package io.mcpplatform.server.provisioning;

/** What a provisioning step did. */
public enum Change {
    CREATED, UPDATED, UNCHANGED
}
