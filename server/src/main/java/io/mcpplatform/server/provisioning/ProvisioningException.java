package io.mcpplatform.server.provisioning;

import java.util.Objects;

/**
 * Provisioning stopped: the message names the step, the cause and what to do; it never holds a token or secret. The
 * {@link Reason} lets each protocol (exit code, admin API problem) say what kind of failure it was.
 */
public final class ProvisioningException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String step;
    private final Reason reason;

    /** What kind of failure. */
    public enum Reason {
        /** The signed-in account lacks a directory role or a delegated permission (Graph 403). */
        PRIVILEGES,
        /** Graph refused the token itself (expired, not for Graph; Graph 401). */
        TOKEN,
        /** The plan or what the directory holds cannot be used (a bad value, an unknown permission). */
        INVALID,
        /** Graph or the platform could not be reached or failed; running again resumes. */
        UNAVAILABLE,
        /** The platform refused to register the tenant (key refused, validation, a concurrent change). */
        REJECTED
    }

    public ProvisioningException(String step, Reason reason, String message, Throwable cause) {
        super(step + ": " + message, cause);
        this.step = step;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The step that failed. */
    public String step() {
        return step;
    }

    /** What kind of failure. */
    public Reason reason() {
        return reason;
    }
}
