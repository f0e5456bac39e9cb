package io.mcpplatform.server.oauth.cimd;

import io.mcpplatform.server.oauth.cimd.DocumentFetchException.Reason;
import java.net.URI;
import java.util.Locale;

/**
 * A client-ID metadata document URL that passed the syntactic rules (client-ID metadata document draft): https, a
 * host, an optional explicit port, a path without {@code .}/{@code ..} segments, no userinfo, no fragment.
 *
 * @param host          host to resolve, SNI and certificate name (IPv6 literals without brackets)
 * @param port          443 or the explicit port
 * @param hostHeader    value of the {@code Host} header
 * @param requestTarget origin-form request target (raw path and query)
 */
record DocumentUrl(String host, int port, String hostHeader, String requestTarget) {

    static final int MAX_LENGTH = 2048;

    static DocumentUrl parse(URI url) throws DocumentFetchException {
        String text = url.toString();
        if (text.length() > MAX_LENGTH) {
            throw invalid("longer than " + MAX_LENGTH + " characters");
        }
        if (!url.isAbsolute() || url.isOpaque() || !"https".equals(url.getScheme())) {
            throw invalid("only https URLs are fetched");
        }
        if (url.getRawUserInfo() != null || url.getRawAuthority() != null && url.getRawAuthority().contains("@")) {
            throw invalid("userinfo is not allowed");
        }
        if (url.getRawFragment() != null || text.indexOf('#') >= 0) {
            throw invalid("a fragment is not allowed");
        }
        String rawHost = url.getHost();
        if (rawHost == null || rawHost.isEmpty()) {
            throw invalid("no host");
        }
        String path = url.getRawPath();
        if (path == null || path.isEmpty() || "/".equals(path)) {
            throw invalid("a path is required");
        }
        for (String segment : path.split("/", -1)) {
            String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (".".equals(decoded) || "..".equals(decoded)) {
                throw invalid("dot segments are not allowed in the path");
            }
        }
        if (path.chars().anyMatch(c -> c <= 0x20 || c >= 0x7F)) {
            throw invalid("the path must be ASCII without spaces or controls");
        }
        int explicitPort = url.getPort();
        if (explicitPort == 0 || explicitPort > 65535) {
            throw invalid("bad port");
        }
        int port = explicitPort == -1 ? 443 : explicitPort;
        String host = rawHost.startsWith("[") && rawHost.endsWith("]")
                ? rawHost.substring(1, rawHost.length() - 1) : rawHost.toLowerCase(Locale.ROOT);
        String hostHeader = explicitPort == -1 ? rawHost : rawHost + ":" + explicitPort;
        String query = url.getRawQuery();
        String target = query == null ? path : path + "?" + query;
        if (target.chars().anyMatch(c -> c <= 0x20 || c >= 0x7F)) {
            throw invalid("the query must be ASCII without spaces or controls");
        }
        return new DocumentUrl(host, port, hostHeader, target);
    }

    private static DocumentFetchException invalid(String why) {
        return new DocumentFetchException(Reason.INVALID_URL, why);
    }
}
