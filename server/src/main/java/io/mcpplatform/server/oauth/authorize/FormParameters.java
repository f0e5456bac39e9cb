package io.mcpplatform.server.oauth.authorize;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code application/x-www-form-urlencoded} parameters (query strings and form bodies), with every value kept so that
 * repeated parameters can be refused (RFC 6749 §3.1: parameters must not be included more than once).
 */
final class FormParameters {
    private final Map<String, List<String>> values;

    private FormParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Parses a raw (still percent-encoded) query or form body.
     *
     * @throws IllegalArgumentException for malformed percent-encoding
     */
    static FormParameters parse(String raw) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new FormParameters(values);
    }

    /** Whether the parameter occurs at all. */
    boolean contains(String name) {
        return values.containsKey(name);
    }

    /** Whether the parameter occurs more than once. */
    boolean repeated(String name) {
        return values.getOrDefault(name, List.of()).size() > 1;
    }

    /** The first repeated parameter, if any. */
    Optional<String> anyRepeated() {
        return values.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).findFirst();
    }

    /** The value of a parameter that occurs once with a non-empty value (empty values count as absent). */
    Optional<String> single(String name) {
        List<String> v = values.getOrDefault(name, List.of());
        return v.size() == 1 && !v.getFirst().isEmpty() ? Optional.of(v.getFirst()) : Optional.empty();
    }

    /** Every value of a parameter. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
