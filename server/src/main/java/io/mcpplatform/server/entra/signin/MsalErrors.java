package io.mcpplatform.server.entra.signin;

import com.microsoft.aad.msal4j.MsalServiceException;
import io.mcpplatform.server.entra.EntraException;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps what msal4j throws to {@link EntraException}; messages name the error, never a token or Entra's raw text. */
final class MsalErrors {
    static final String UNAVAILABLE = "temporarily_unavailable";
    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d{4,7}");

    private MsalErrors() {
    }

    static EntraException map(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EntraException e) {
                return e;
            }
            if (t instanceof MsalServiceException e) {
                String code = e.errorCode() == null || e.errorCode().isBlank() ? "invalid_request" : e.errorCode();
                String aadsts = aadsts(e.getMessage());
                return new EntraException(code, aadsts, "Entra refused the request: " + code
                        + (aadsts.isEmpty() ? "" : " (" + aadsts + ")"), null);
            }
            if (t instanceof IOException || t instanceof TimeoutException) {
                return unavailable();
            }
        }
        return new EntraException("server_error", "", "the Entra sign-in failed: "
                + failure.getClass().getSimpleName(), null);
    }

    static EntraException unavailable() {
        return new EntraException(UNAVAILABLE, "", "Entra could not be reached in time", null);
    }

    static String aadsts(String message) {
        if (message == null) {
            return "";
        }
        Matcher m = AADSTS.matcher(message);
        return m.find() ? m.group() : "";
    }
}
