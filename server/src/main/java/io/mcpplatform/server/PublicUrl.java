package io.mcpplatform.server;

import io.mcpplatform.server.config.SocketSettings;

import java.net.URI;
import java.util.Optional;

/**
 * The public base URL: the configured external URL, or {@code http://<host>:<port>} for local use (with the bound
 * port once known, for port 0 in tests). Never derived from request headers.
 */
final class PublicUrl {
    private PublicUrl() {
    }

    /** The base URL from configuration and the socket's host and (bound) port, without a trailing slash. */
    static URI of(Optional<URI> configured, SocketSettings socket, int port) {
        return configured.orElseGet(() -> {
            String host = socket.host().equals("0.0.0.0") || socket.host().equals("::") ? "localhost" : socket.host();
            return URI.create("http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                    + ":" + port);
        });
    }
}
