package io.mcpplatform.server.obo;

import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/** Maps what msal4j throws during on-behalf-of to {@link OboException}; never copies Entra's text or a token. */
final class OboErrors {

    private OboErrors() {
    }

    static OboException map(Throwable failure, String adminConsentUrl) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OboException e) {
                return e;
            }
            if (t instanceof MsalServiceException e) {
                String code = e.errorCode() == null ? "" : e.errorCode().toLowerCase(Locale.ROOT);
                String message = e.getMessage() == null ? "" : e.getMessage();
                String claims = e.claims() == null ? "" : e.claims();
                if (message.contains("AADSTS65001") || code.equals("consent_required")
                        || message.contains("consent_required")) {
                    return new OboException.ConsentRequired(adminConsentUrl, null);
                }
                if (e instanceof MsalInteractionRequiredException || code.equals("interaction_required")
                        || message.contains("AADSTS50076") || message.contains("AADSTS50079") || !claims.isBlank()
                        || code.equals("invalid_grant")) {
                    return new OboException.InteractionRequired(claims, null);
                }
                return new OboException.Unavailable("Entra refused the on-behalf-of request: "
                        + (code.isEmpty() ? "unknown error" : code), null);
            }
            if (t instanceof IOException || t instanceof TimeoutException) {
                return unavailable();
            }
        }
        return new OboException.Unavailable("the on-behalf-of request failed: " + failure.getClass().getSimpleName(),
                null);
    }

    static OboException.Unavailable unavailable() {
        return new OboException.Unavailable("Entra could not be reached in time", null);
    }
}
