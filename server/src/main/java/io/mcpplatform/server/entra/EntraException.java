package io.mcpplatform.server.entra;

/**
 * Entra refused or could not be reached. {@link #code()} is Entra's error ({@code invalid_grant},
 * {@code interaction_required}, …) and {@link #aadsts()} the {@code AADSTSnnnnn} number when Entra gave one. The
 * message never contains a token or secret.
 */
public final class EntraException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final String aadsts;

    public EntraException(String code, String aadsts, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.aadsts = aadsts == null ? "" : aadsts;
    }

    /** Entra's OAuth error code, or {@code temporarily_unavailable} when Entra could not be reached. */
    public String code() {
        return code;
    }

    /** The {@code AADSTS} number (e.g. {@code AADSTS65001}), or empty. */
    public String aadsts() {
        return aadsts;
    }
}
