package io.mcpplatform.server.provisioning;

/**
 * One line of a provisioning report: which piece, what happened to it, and a detail (ids, never a secret).
 */
public record StepResult(String step, Change change, String detail) {
    @Override
    public String toString() {
        return String.format("%-22s %-9s %s", step, change.name().toLowerCase(java.util.Locale.ROOT), detail);
    }
}
