package io.mcpplatform.server.config;

import io.helidon.config.Config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Typed, validated reads of configuration values. Every failure names the full key and what was expected; the
 * offending value is echoed only for keys that cannot hold secrets.
 */
public final class ConfigValues {
    private final Config node;

    private ConfigValues(Config node) {
        this.node = node;
    }

    /** Reads values below this node. */
    public static ConfigValues of(Config node) {
        return new ConfigValues(node);
    }

    /** The full key of a child, as users write it ({@code platform.public.port}). */
    public String key(String child) {
        String base = node.key().toString();
        return base.isEmpty() ? child : base + "." + child;
    }

    /** Values below a child node. */
    public ConfigValues child(String name) {
        return new ConfigValues(node.get(name));
    }

    /** The raw node, for settings records that read their own subtree. */
    public Config node() {
        return node;
    }

    public Optional<String> optionalString(String child) {
        return node.get(child).asString().asOptional().map(String::trim).filter(s -> !s.isEmpty());
    }

    public String string(String child, String defaultValue) {
        return optionalString(child).orElse(defaultValue);
    }

    public String requiredString(String child) {
        return optionalString(child)
                .orElseThrow(() -> new InvalidConfigException(key(child) + " is required"));
    }

    public int intInRange(String child, int defaultValue, int min, int max) {
        Optional<String> raw = optionalString(child);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw outOfRange(child, raw.get(), min, max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw outOfRange(child, raw.get(), min, max);
        }
    }

    public long longInRange(String child, long defaultValue, long min, long max) {
        Optional<String> raw = optionalString(child);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value < min || value > max) {
                throw outOfRange(child, raw.get(), min, max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw outOfRange(child, raw.get(), min, max);
        }
    }

    public boolean bool(String child, boolean defaultValue) {
        Optional<String> raw = optionalString(child);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfigException(key(child) + " must be true or false, got '" + raw.get() + "'");
        };
    }

    /** A duration written as ISO-8601 ({@code PT2S}) or as a number with a unit: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}. */
    public Duration duration(String child, Duration defaultValue, Duration min, Duration max) {
        Optional<String> raw = optionalString(child);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Duration value = parseDuration(raw.get())
                .orElseThrow(() -> new InvalidConfigException(key(child)
                        + " must be a duration such as 500ms, 2s, 5m, 1h or PT2S, got '" + raw.get() + "'"));
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidConfigException(key(child) + " must be between " + min + " and " + max + ", got '" + raw.get() + "'");
        }
        return value;
    }

    public Optional<URI> optionalHttpUrl(String child) {
        Optional<String> raw = optionalString(child);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.get());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw badUrl(child, raw.get());
            }
            return Optional.of(uri);
        } catch (java.net.URISyntaxException e) {
            throw badUrl(child, raw.get());
        }
    }

    public Path path(String child, Path defaultValue) {
        return optionalString(child).map(Path::of).orElse(defaultValue);
    }

    public List<String> stringList(String child, List<String> defaultValue) {
        Config list = node.get(child);
        if (!list.exists()) {
            return defaultValue;
        }
        if (list.isLeaf()) {
            String raw = list.asString().orElse("").trim();
            if (raw.isEmpty()) {
                return List.of();
            }
            return java.util.Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        return list.asList(String.class).orElse(defaultValue);
    }

    private InvalidConfigException outOfRange(String child, String raw, long min, long max) {
        return new InvalidConfigException(key(child) + " must be an integer from " + min + " to " + max + ", got '" + raw + "'");
    }

    private InvalidConfigException badUrl(String child, String raw) {
        return new InvalidConfigException(key(child)
                + " must be an absolute http(s) URL without query, fragment or user info, got '" + raw + "'");
    }

    static Optional<Duration> parseDuration(String raw) {
        String s = raw.trim();
        if (s.startsWith("P") || s.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(s.toUpperCase(java.util.Locale.ROOT)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)").matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }
}
