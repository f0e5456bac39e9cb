package io.mcpplatform.devstack.entra;

import com.fasterxml.jackson.databind.ObjectMapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import okhttp3.Headers;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Small HTTP helpers of the stand-in's routes. */
final class StandInHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private StandInHttp() {
    }

    static OAuth2HttpResponse json(int status, Object body) {
        try {
            String text = JSON.writeValueAsString(body);
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json; charset=utf-8",
                    "Cache-Control", "no-store", "Content-Length", length(text), "Date", now()), status, text, null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static OAuth2HttpResponse rawJson(String body) {
        return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json; charset=utf-8",
                "Content-Length", length(body)), 200, body, null);
    }

    static OAuth2HttpResponse html(int status, String body) {
        return new OAuth2HttpResponse(Headers.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store",
                "Content-Length", length(body)), status, body, null);
    }

    static OAuth2HttpResponse redirect(String location) {
        return new OAuth2HttpResponse(Headers.of("Location", location, "Cache-Control", "no-store",
                "Content-Length", "0"), 302, "", null);
    }

    /** The {@code Date} header Entra sends (clients measure clock skew with it). */
    private static String now() {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
    }

    /** Netty's wrapper sends no length and closes; Helidon's WebClient wants a length. */
    private static String length(String body) {
        return Integer.toString(body.getBytes(StandardCharsets.UTF_8).length);
    }

    static String withQuery(String uri, Map<String, String> params) {
        String query = params.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return uri + (uri.contains("?") ? "&" : "?") + query;
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(key, value);
        }
        return form;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
