package io.mcpplatform.server.provisioning.doctor;

/** How bad a finding is: FAIL breaks sign-in or tool calls, WARN will soon or may. */
public enum Severity {
    OK, WARN, FAIL
}
