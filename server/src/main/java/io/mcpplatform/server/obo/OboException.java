package io.mcpplatform.server.obo;

/** Why an on-behalf-of token could not be had; messages never contain a token. */
public abstract sealed class OboException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OboException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The tenant's admin must consent to the app's permissions first (AADSTS65001). */
    public static final class ConsentRequired extends OboException {
        private static final long serialVersionUID = 1L;
        private final String adminConsentUrl;

        public ConsentRequired(String adminConsentUrl, Throwable cause) {
            super("an administrator of this organisation must grant consent first: " + adminConsentUrl, cause);
            this.adminConsentUrl = adminConsentUrl;
        }

        public String adminConsentUrl() {
            return adminConsentUrl;
        }
    }

    /**
     * The user must interact with Entra again (MFA, Conditional Access, an expired session); {@link #claims()} is the
     * claims challenge to pass back to the client, or empty.
     */
    public static final class InteractionRequired extends OboException {
        private static final long serialVersionUID = 1L;
        private final String claims;

        public InteractionRequired(String claims, Throwable cause) {
            super("the user must sign in again", cause);
            this.claims = claims == null ? "" : claims;
        }

        public String claims() {
            return claims;
        }
    }

    /** Entra could not be reached in time, or refused for another reason. */
    public static final class Unavailable extends OboException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
