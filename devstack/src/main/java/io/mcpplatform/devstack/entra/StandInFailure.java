package io.mcpplatform.devstack.entra;

/** Entra errors the stand-in's token endpoint can be told to answer for a client id. */
public enum StandInFailure {
    /** Consent missing: {@code invalid_grant} with AADSTS65001 (suberror {@code consent_required}). */
    CONSENT_REQUIRED("invalid_grant", 65001, "consent_required",
            "The user or administrator has not consented to use the application. Send an interactive authorization"
                    + " request for this user and resource."),
    /** MFA or another interaction needed: {@code interaction_required} with AADSTS50076 and a claims challenge. */
    INTERACTION_REQUIRED("interaction_required", 50076, "basic_action",
            "Due to a configuration change made by your administrator, or because you moved to a new location, you"
                    + " must use multi-factor authentication to access this resource.");

    final String error;
    final int code;
    final String suberror;
    final String description;

    StandInFailure(String error, int code, String suberror, String description) {
        this.error = error;
        this.code = code;
        this.suberror = suberror;
        this.description = description;
    }
}
