package io.mcpplatform.server.mcp;

import io.helidon.config.Config;
import io.modelcontextprotocol.spec.ProtocolVersions;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of the MCP endpoint, built once from the {@code mcp} configuration node and validated there.
 * <p>
 * Keys (under {@code mcp}):
 * <ul>
 *     <li>{@code max-request-bytes} — largest POST body accepted, 1024 to 16777216; default 1048576 (1 MiB). Larger
 *     bodies get HTTP 413.</li>
 *     <li>{@code allowed-origins} — list of browser origins ({@code scheme://host[:port]}) allowed besides the
 *     platform's own origin (and loopback origins when the external URL is a loopback one); default none.</li>
 *     <li>{@code sse-keep-alive} — interval of SSE keep-alive comments on open streams, 1s to 10m; default 15s.</li>
 *     <li>{@code session-idle-timeout} — a session without requests for this long is closed, 1s to 7d; default 30m.</li>
 *     <li>{@code max-sessions-per-tenant} — open sessions one tenant may hold on one instance, 1 to 1000000; default
 *     1000; a tenant's own {@code sessions} limit wins. Over the cap, initialize gets HTTP 429 with
 *     {@code Retry-After}.</li>
 *     <li>{@code fixtures-enabled} — whether test fixture packs (pack {@code conformance}) may be offered; default
 *     false. Only for development and test.</li>
 *     <li>{@code protocol-versions} — MCP protocol versions accepted, a subset of those the SDK supports with
 *     Streamable HTTP; default {@code 2025-03-26, 2025-06-18, 2025-11-25} (oldest first).</li>
 * </ul>
 * Durations are ISO-8601 ({@code PT30M}) or a number with a unit {@code ms, s, m, h, d} ({@code 30m}).
 *
 * @param maxRequestBytes       largest request body in bytes
 * @param allowedOrigins        extra allowed origins, normalised to lower case without a trailing slash
 * @param sseKeepAlive          keep-alive comment interval on SSE streams
 * @param sessionIdleTimeout    idle time after which a session is closed
 * @param maxSessionsPerTenant  cap of open sessions per tenant
 * @param fixturesEnabled       whether test fixture packs may be offered
 * @param protocolVersions      accepted protocol versions, oldest first
 */
public record McpSettings(int maxRequestBytes,
                          List<String> allowedOrigins,
                          Duration sseKeepAlive,
                          Duration sessionIdleTimeout,
                          int maxSessionsPerTenant,
                          boolean fixturesEnabled,
                          List<String> protocolVersions) {

    /** Protocol versions the SDK 2.1.0 supports over Streamable HTTP, oldest first. */
    public static final List<String> SUPPORTED_PROTOCOL_VERSIONS = List.of(
            ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);
    /** The version a request without {@code MCP-Protocol-Version} is assumed to speak (per the specification). */
    public static final String DEFAULT_HEADER_PROTOCOL_VERSION = ProtocolVersions.MCP_2025_03_26;

    static final int MIN_REQUEST_BYTES = 1024;
    static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public McpSettings {
        requireBetween("mcp.max-request-bytes", maxRequestBytes, MIN_REQUEST_BYTES, MAX_REQUEST_BYTES);
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins")).stream()
                .map(McpSettings::normaliseOrigin)
                .toList();
        requireBetween("mcp.sse-keep-alive", sseKeepAlive, Duration.ofSeconds(1), Duration.ofMinutes(10));
        requireBetween("mcp.session-idle-timeout", sessionIdleTimeout, Duration.ofSeconds(1), Duration.ofDays(7));
        requireBetween("mcp.max-sessions-per-tenant", maxSessionsPerTenant, 1, 1_000_000);
        protocolVersions = List.copyOf(Objects.requireNonNull(protocolVersions, "protocolVersions"));
        if (protocolVersions.isEmpty()) {
            throw new IllegalArgumentException("mcp.protocol-versions must list at least one version");
        }
        for (String v : protocolVersions) {
            if (!SUPPORTED_PROTOCOL_VERSIONS.contains(v)) {
                throw new IllegalArgumentException("mcp.protocol-versions: '" + v + "' is not one of "
                        + SUPPORTED_PROTOCOL_VERSIONS);
            }
        }
        protocolVersions = SUPPORTED_PROTOCOL_VERSIONS.stream().filter(Set.copyOf(protocolVersions)::contains).toList();
    }

    /** The defaults: every key absent. */
    public static McpSettings defaults() {
        return new McpSettings(1024 * 1024, List.of(), Duration.ofSeconds(15), Duration.ofMinutes(30), 1000, false,
                SUPPORTED_PROTOCOL_VERSIONS);
    }

    /**
     * Reads and validates the settings.
     *
     * @param mcpNode the {@code mcp} node (may be missing: then the defaults apply)
     * @throws IllegalArgumentException naming the offending key
     */
    public static McpSettings create(Config mcpNode) {
        McpSettings d = defaults();
        return new McpSettings(
                mcpNode.get("max-request-bytes").asInt().orElse(d.maxRequestBytes()),
                mcpNode.get("allowed-origins").asList(String.class).orElse(d.allowedOrigins()),
                duration(mcpNode, "sse-keep-alive", d.sseKeepAlive()),
                duration(mcpNode, "session-idle-timeout", d.sessionIdleTimeout()),
                mcpNode.get("max-sessions-per-tenant").asInt().orElse(d.maxSessionsPerTenant()),
                mcpNode.get("fixtures-enabled").asBoolean().orElse(d.fixturesEnabled()),
                mcpNode.get("protocol-versions").asList(String.class).orElse(d.protocolVersions()));
    }

    /** A copy with fixtures enabled or not. */
    public McpSettings withFixturesEnabled(boolean enabled) {
        return new McpSettings(maxRequestBytes, allowedOrigins, sseKeepAlive, sessionIdleTimeout,
                maxSessionsPerTenant, enabled, protocolVersions);
    }

    /** A copy with another per-tenant session cap. */
    public McpSettings withMaxSessionsPerTenant(int max) {
        return new McpSettings(maxRequestBytes, allowedOrigins, sseKeepAlive, sessionIdleTimeout, max,
                fixturesEnabled, protocolVersions);
    }

    /** A copy with another body limit. */
    public McpSettings withMaxRequestBytes(int max) {
        return new McpSettings(max, allowedOrigins, sseKeepAlive, sessionIdleTimeout, maxSessionsPerTenant,
                fixturesEnabled, protocolVersions);
    }

    static Duration parseDuration(String key, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 30s, 15m or PT15M, got '" + text + "'");
        }
    }

    private static Duration duration(Config node, String key, Duration fallback) {
        return node.get(key).asString().map(s -> parseDuration("mcp." + key, s)).orElse(fallback);
    }

    private static String normaliseOrigin(String origin) {
        String o = Objects.requireNonNull(origin, "allowed origin").trim().toLowerCase(Locale.ROOT);
        while (o.endsWith("/")) {
            o = o.substring(0, o.length() - 1);
        }
        if (!o.startsWith("http://") && !o.startsWith("https://")) {
            throw new IllegalArgumentException("mcp.allowed-origins: '" + origin
                    + "' must be an origin such as https://app.example.com");
        }
        return o;
    }

    private static void requireBetween(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void requireBetween(String key, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, key);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
