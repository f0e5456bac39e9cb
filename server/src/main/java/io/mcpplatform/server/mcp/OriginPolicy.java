package io.mcpplatform.server.mcp;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * DNS-rebinding protection: which {@code Host} and {@code Origin} values a request may carry. The platform's own host
 * comes from configuration (the external base URL), never from the request. When that host is a loopback name, every
 * loopback name ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) is accepted, on any port.
 */
final class OriginPolicy {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final String externalHost;
    private final boolean loopback;
    private final List<String> allowedOrigins;

    /**
     * @param externalBaseUri the platform's public base URL, e.g. {@code https://mcp.example.com}
     * @param allowedOrigins  extra allowed origins (normalised, see {@link McpSettings})
     */
    OriginPolicy(URI externalBaseUri, List<String> allowedOrigins) {
        Objects.requireNonNull(externalBaseUri, "externalBaseUri");
        String host = externalBaseUri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("external base URL needs a host: " + externalBaseUri);
        }
        this.externalHost = host.toLowerCase(Locale.ROOT);
        this.loopback = LOOPBACK.contains(externalHost);
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Whether a {@code Host} header value (host[:port]) names this platform. Absent Host is refused. */
    boolean hostAllowed(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        return nameAllowed(hostName(hostHeader.trim().toLowerCase(Locale.ROOT)));
    }

    /** Whether an {@code Origin} header value may call; {@code null} (no Origin: not a browser) is allowed. */
    boolean originAllowed(String origin) {
        if (origin == null) {
            return true;
        }
        String o = origin.trim().toLowerCase(Locale.ROOT);
        if (allowedOrigins.contains(o)) {
            return true;
        }
        URI uri;
        try {
            uri = URI.create(o);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            return false;
        }
        String host = uri.getHost();
        return nameAllowed(host);
    }

    private boolean nameAllowed(String host) {
        if (host.equals(externalHost)) {
            return true;
        }
        return loopback && LOOPBACK.contains(host);
    }

    /** {@code host[:port]} → host; keeps brackets of IPv6 literals. */
    static String hostName(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
        }
        int colon = hostAndPort.indexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }
}
