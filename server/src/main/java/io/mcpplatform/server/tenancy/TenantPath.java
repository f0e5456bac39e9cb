package io.mcpplatform.server.tenancy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which tenant and which kind of endpoint a public path addresses, read from the path alone (no look-up):
 * {@code /t/{slug}/mcp}, {@code /t/{slug}/oauth2/...}, {@code /t/{slug}/.well-known/...} and
 * {@code /.well-known/{document}/t/{slug}[/mcp]}.
 *
 * @param slug     the tenant slug as written in the path (not yet known to exist)
 * @param endpoint the kind of endpoint, used for metrics labels and for the format of refusals
 */
public record TenantPath(String slug, Endpoint endpoint) {
    private static final Pattern TENANT_FIRST = Pattern.compile("^/t/([a-z0-9][a-z0-9-]{0,62})(/.*)?$");
    private static final Pattern WELL_KNOWN = Pattern.compile("^/\\.well-known/[a-z-]+/t/([a-z0-9][a-z0-9-]{0,62})(/mcp)?$");

    /** Kinds of tenant endpoint; a bounded set, safe as a metrics label. */
    public enum Endpoint {
        MCP, TOKEN, REGISTER, AUTHORIZE, OAUTH_OTHER, METADATA, OTHER;

        /** Lower-case label value. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Reads a raw request path; empty when it names no tenant. */
    public static Optional<TenantPath> parse(String rawPath) {
        if (rawPath == null) {
            return Optional.empty();
        }
        Matcher wellKnown = WELL_KNOWN.matcher(rawPath);
        if (wellKnown.matches()) {
            return Optional.of(new TenantPath(wellKnown.group(1), Endpoint.METADATA));
        }
        Matcher m = TENANT_FIRST.matcher(rawPath);
        if (!m.matches()) {
            return Optional.empty();
        }
        String rest = m.group(2) == null ? "" : m.group(2);
        return Optional.of(new TenantPath(m.group(1), endpoint(rest)));
    }

    private static Endpoint endpoint(String rest) {
        if (rest.equals("/mcp")) {
            return Endpoint.MCP;
        }
        if (rest.equals("/oauth2/token")) {
            return Endpoint.TOKEN;
        }
        if (rest.equals("/oauth2/register")) {
            return Endpoint.REGISTER;
        }
        if (rest.equals("/oauth2/authorize")) {
            return Endpoint.AUTHORIZE;
        }
        if (rest.startsWith("/oauth2/")) {
            return Endpoint.OAUTH_OTHER;
        }
        if (rest.startsWith("/.well-known/")) {
            return Endpoint.METADATA;
        }
        return Endpoint.OTHER;
    }
}
