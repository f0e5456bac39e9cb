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

    /**
     * The port to bind: the configured one, or for port 0 without an external URL a free port chosen now, because
     * every OAuth URL (issuer, audience, redirect) must be known before the server starts.
     */
    static int portToBind(Optional<URI> configured, SocketSettings socket) {
        if (socket.port() != 0 || configured.isPresent()) {
            return socket.port();
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName(socket.host()))) {
            return probe.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port on " + socket.host(), e);
        }
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
