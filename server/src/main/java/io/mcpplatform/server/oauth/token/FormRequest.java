package io.mcpplatform.server.oauth.token;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} POST, read within a size limit. Per RFC 6749 a
 * parameter may appear at most once, and an empty value counts as absent.
 */
final class FormRequest {
    /** The largest accepted body. */
    static final int MAX_BYTES = 16 * 1024;

    private final Map<String, String> params;

    private FormRequest(Map<String, String> params) {
        this.params = params;
    }

    /**
     * @throws OAuthException 415 for another media type, 413 over the limit, 400 for malformed or repeated parameters
     */
    static FormRequest read(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        String mediaType = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/x-www-form-urlencoded")) {
            throw OAuthErrors.unsupportedMediaType();
        }
        if (req.headers().contentLength().orElse(0) > MAX_BYTES) {
            throw OAuthErrors.tooLarge(MAX_BYTES);
        }
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_BYTES) {
            throw OAuthErrors.tooLarge(MAX_BYTES);
        }
        return parse(new String(body, StandardCharsets.US_ASCII));
    }

    static FormRequest parse(String body) {
        Map<String, String> params = new HashMap<>();
        if (!body.isEmpty()) {
            for (String pair : body.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (params.containsKey(name)) {
                    throw OAuthErrors.invalidRequest("parameter '" + safe(name) + "' appears more than once");
                }
                params.put(name, value);
            }
        }
        return new FormRequest(params);
    }

    /** The parameter, absent when missing or empty. */
    Optional<String> get(String name) {
        return Optional.ofNullable(params.get(name)).filter(v -> !v.isEmpty());
    }

    /** The parameter, or {@code invalid_request} naming it. */
    String require(String name) {
        return get(name).orElseThrow(() -> OAuthErrors.invalidRequest("parameter '" + name + "' is required"));
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthErrors.invalidRequest("malformed form encoding");
        }
    }

    /** A parameter name fit for an error message: short, printable ASCII. */
    private static String safe(String name) {
        String s = name.length() > 40 ? name.substring(0, 40) : name;
        return s.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}
