package io.mcpplatform.server;

import io.mcpplatform.server.config.SocketSettings;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The public base URL: the configured external URL, or {@code http://<host>:<bound port>} for local use. It is known
 * once the socket is bound (port 0 in tests), and it decides which {@code Host} headers the public socket accepts.
 */
final class PublicUrl {
    private final Optional<URI> configured;
    private final SocketSettings socket;
    private volatile URI resolved;

    PublicUrl(Optional<URI> configured, SocketSettings socket) {
        this.configured = configured;
        this.socket = socket;
        this.resolved = configured.orElse(null);
    }

    void bound(int port) {
        if (configured.isEmpty()) {
            String host = socket.host().equals("0.0.0.0") ? "localhost" : socket.host();
            resolved = URI.create("http://" + host + ":" + port);
        }
    }

    URI baseUrl() {
        return resolved;
    }

    /** Host header values accepted on the public socket ({@code host[:port]}). */
    Set<String> allowedHosts() {
        URI url = resolved;
        if (url == null) {
            return Set.of();
        }
        String host = url.getHost();
        int port = url.getPort() != -1 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
        Set<String> hosts = new java.util.HashSet<>();
        for (String name : isLoopback(host) ? Set.of("127.0.0.1", "localhost", "[::1]") : Set.of(host)) {
            hosts.add(name + ":" + port);
            if (url.getPort() == -1) {
                hosts.add(name);
            }
        }
        return Set.copyOf(hosts);
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
    }
}
