package io.mcpplatform.server.oauth.clients;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The redirect-URI rules, pure functions:
 * <ul>
 *     <li>{@link #problem(String, int)} — whether a URI may be registered or used at all: {@code https}, or {@code http}
 *     on a loopback host ({@code 127.0.0.1}, {@code [::1]}, {@code localhost}); absolute, no fragment (not even an
 *     empty one), no user info, no dot segments ({@code /../}, {@code /./}, {@code ..;}), no percent-encoded
 *     {@code .}, {@code /} or {@code \}, scheme and host in lower case, within the length limit.</li>
 *     <li>{@link #matches(String, List)} — whether a presented URI matches a registered one: exact string equality,
 *     except that for a registered loopback {@code http} URI the port may differ (RFC 8252 §7.3) while scheme, host,
 *     path and query stay exactly equal.</li>
 *     <li>{@link #allowedBy(String, List)} — whether a tenant's allow-list admits a URI: entries ending in {@code :*}
 *     admit any port of that scheme and host, entries ending in {@code /*} a path prefix, others exactly.</li>
 * </ul>
 */
public final class RedirectUris {
    /** Hosts that count as loopback for {@code http} redirect URIs (RFC 8252 §7.3, §8.3). */
    public static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

    private RedirectUris() {
    }

    /**
     * Why this URI may not be a redirect URI, or empty when it may.
     *
     * @param uri       the URI as the client sent it
     * @param maxLength longest accepted URI in characters
     */
    public static Optional<String> problem(String uri, int maxLength) {
        if (uri == null || uri.isEmpty()) {
            return Optional.of("is empty");
        }
        if (uri.length() > maxLength) {
            return Optional.of("is longer than " + maxLength + " characters");
        }
        if (uri.indexOf('#') >= 0) {
            return Optional.of("must not contain a fragment");
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return Optional.of("contains a character that is not allowed");
            }
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URI");
        }
        String scheme = parsed.getScheme();
        if (scheme == null || parsed.isOpaque()) {
            return Optional.of("must be an absolute https URL (or http on a loopback host)");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must use https (or http on a loopback host), not " + scheme.toLowerCase(Locale.ROOT) + ":");
        }
        if (parsed.getRawUserInfo() != null || parsed.getRawAuthority() == null || parsed.getRawAuthority().contains("@")) {
            return Optional.of("must not contain user info");
        }
        String host = parsed.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("must name a host");
        }
        if (!host.equals(host.toLowerCase(Locale.ROOT))) {
            return Optional.of("must have a lower-case host");
        }
        if (scheme.equals("http") && !LOOPBACK_HOSTS.contains(host)) {
            return Optional.of("must use https unless the host is 127.0.0.1, [::1] or localhost");
        }
        String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
        String lowerPath = path.toLowerCase(Locale.ROOT);
        if (lowerPath.contains("%2e") || lowerPath.contains("%2f") || lowerPath.contains("%5c")
                || lowerPath.contains("%00") || lowerPath.contains("%25")) {
            return Optional.of("must not percent-encode '.', '/', '\\', '%' or NUL in its path");
        }
        for (String segment : path.split("/", -1)) {
            String bare = segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment;
            if (bare.equals(".") || bare.equals("..")) {
                return Optional.of("must not contain dot segments such as /../");
            }
        }
        return Optional.empty();
    }

    /** Whether the URI is a valid redirect URI on a loopback host over http. */
    public static boolean isLoopback(String uri) {
        try {
            URI u = new URI(uri);
            return "http".equals(u.getScheme()) && LOOPBACK_HOSTS.contains(u.getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Whether {@code presented} matches one of the {@code registered} URIs: exactly, or, for a registered loopback
     * {@code http} URI, with another port (or none). The presented URI must itself be valid.
     */
    public static boolean matches(String presented, List<String> registered) {
        if (problem(presented, Integer.MAX_VALUE).isPresent()) {
            return false;
        }
        for (String r : registered) {
            if (r.equals(presented)) {
                return true;
            }
            if (isLoopback(r) && samePortless(presented, r)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an allow-list entry admits the (valid) URI. */
    public static boolean allowedBy(String uri, List<String> allowList) {
        if (problem(uri, Integer.MAX_VALUE).isPresent()) {
            return false;
        }
        for (String entry : allowList) {
            if (entry.endsWith(":*")) {
                String origin = entry.substring(0, entry.length() - 2);
                if (sameSchemeAndHost(uri, origin)) {
                    return true;
                }
            } else if (entry.endsWith("/*")) {
                if (uri.startsWith(entry.substring(0, entry.length() - 1))) {
                    return true;
                }
            } else if (entry.equals(uri)) {
                return true;
            }
        }
        return false;
    }

    /** The host (with port when present) a redirect URI sends the browser to, for display. */
    public static String displayHost(String uri) {
        try {
            URI u = new URI(uri);
            return u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
        } catch (URISyntaxException e) {
            return uri;
        }
    }

    private static boolean samePortless(String presented, String registered) {
        try {
            URI p = new URI(presented);
            URI r = new URI(registered);
            return "http".equals(p.getScheme())
                    && p.getHost().equals(r.getHost())
                    && p.getRawUserInfo() == null
                    && p.getRawPath().equals(r.getRawPath())
                    && java.util.Objects.equals(p.getRawQuery(), r.getRawQuery())
                    && p.getRawFragment() == null
                    && withoutPort(presented).equals(withoutPort(registered));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The URI string with {@code :port} after the host removed (the host part is taken verbatim). */
    private static String withoutPort(String uri) {
        int start = uri.indexOf("://") + 3;
        int end = uri.length();
        for (int i = start; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '/' || c == '?') {
                end = i;
                break;
            }
        }
        String authority = uri.substring(start, end);
        int colon = authority.lastIndexOf(':');
        int bracket = authority.lastIndexOf(']');
        if (colon > bracket) {
            authority = authority.substring(0, colon);
        }
        return uri.substring(0, start) + authority + uri.substring(end);
    }

    private static boolean sameSchemeAndHost(String uri, String origin) {
        try {
            URI u = new URI(uri);
            URI o = new URI(origin);
            return o.getScheme() != null && o.getScheme().equals(u.getScheme())
                    && o.getHost() != null && o.getHost().equals(u.getHost())
                    && uri.startsWith(origin);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
