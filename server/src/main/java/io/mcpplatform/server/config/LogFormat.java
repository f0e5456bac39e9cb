package io.mcpplatform.server.config;

import java.util.Locale;

/** How log lines look ({@code platform.log.format}). */
public enum LogFormat {
    /** Human-readable lines, for development. */
    TEXT,
    /** One JSON object per line with request id, tenant and user oid, for log collectors. */
    JSON;

    static LogFormat create(ConfigValues values) {
        String raw = values.string("format", "text");
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new InvalidConfigException(values.key("format") + " must be text or json, got '"
                    + raw + "'");
        };
    }
}
