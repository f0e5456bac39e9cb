package io.mcpplatform.server.provisioning;

/** Provisioning stopped: the message names the step, the cause and what to do; it never holds a token or secret. */
public final class ProvisioningException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String step;

    public ProvisioningException(String step, String message, Throwable cause) {
        super(step + ": " + message, cause);
        this.step = step;
    }

    /** The step that failed. */
    public String step() {
        return step;
    }
}
