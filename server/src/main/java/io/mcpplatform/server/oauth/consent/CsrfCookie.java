package io.mcpplatform.server.oauth.consent;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The consent form's CSRF cookie (double submit, bound to one pending authorization): the same random token is set
 * here when the sign-in returns and put in the form's hidden field; a POST must carry both, equal, and matching the
 * hash stored with the pending authorization.
 * <p>
 * Over https the cookie is {@code __Host-} prefixed ({@code Secure}, {@code Path=/}, no {@code Domain}); over plain
 * http (local development) it drops the prefix and {@code Secure}. It is {@code HttpOnly} and {@code SameSite=Lax}:
 * {@code Strict} would keep it off the first consent page, which is reached by a redirect chain that started at Entra
 * (another site); {@code Lax} still keeps it off cross-site POSTs.
 */
public final class CsrfCookie {
    private final boolean secure;

    /** @param secure whether the platform is served over https */
    public CsrfCookie(boolean secure) {
        this.secure = secure;
    }

    /** The cookie name for one pending authorization. */
    public String name(UUID requestId) {
        return (secure ? "__Host-" : "") + "mcp-consent-" + requestId.toString().replace("-", "");
    }

    /** Sets the cookie. */
    public void set(ServerResponse res, UUID requestId, String token, Duration maxAge) {
        res.headers().add(HeaderNames.SET_COOKIE, name(requestId) + "=" + token + "; Path=/; Max-Age="
                + Math.max(1, maxAge.toSeconds()) + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }

    /** Removes the cookie. */
    public void clear(ServerResponse res, UUID requestId) {
        res.headers().add(HeaderNames.SET_COOKIE, name(requestId) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : ""));
    }

    /** The cookie's value in this request, if it carries exactly one. */
    public Optional<String> read(ServerRequest req, UUID requestId) {
        String wanted = name(requestId);
        Optional<String> found = Optional.empty();
        for (String header : req.headers().all(HeaderNames.COOKIE, java.util.List::of)) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(wanted)) {
                    if (found.isPresent()) {
                        return Optional.empty(); // two cookies of the same name: trust neither
                    }
                    found = Optional.of(pair.substring(eq + 1).trim());
                }
            }
        }
        return found.filter(v -> !v.isEmpty());
    }
}
