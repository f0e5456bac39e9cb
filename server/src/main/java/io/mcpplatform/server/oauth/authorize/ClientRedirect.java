package io.mcpplatform.server.oauth.authorize;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the result of an authorization request goes (RFC 6749 §4.1.2): the client's validated redirect URI, with
 * {@code state} carried back unchanged and {@code iss} (RFC 9207) added to every answer.
 *
 * @param redirectUri the validated redirect URI of the request
 * @param state       the client's state, if any
 * @param issuer      the tenant's issuer
 */
public record ClientRedirect(String redirectUri, Optional<String> state, String issuer) {

    public ClientRedirect {
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(issuer, "issuer");
    }

    /** The success answer: {@code code}, {@code state}, {@code iss}. */
    public String success(String code) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        return with(params);
    }

    /** An error answer: {@code error}, {@code error_description}, {@code state}, {@code iss}. */
    public String error(String error, String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        if (description != null && !description.isEmpty()) {
            params.put("error_description", description);
        }
        return with(params);
    }

    private String with(Map<String, String> params) {
        state.ifPresent(s -> params.put("state", s));
        params.put("iss", issuer);
        StringBuilder url = new StringBuilder(redirectUri);
        char separator = redirectUri.indexOf('?') >= 0 ? '&' : '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            url.append(separator).append(p.getKey()).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return url.toString();
    }
}
