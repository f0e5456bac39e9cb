package io.mcpplatform.server.config;

/**
 * Where one server socket listens.
 *
 * @param host interface to bind ({@code 127.0.0.1} for local use, {@code 0.0.0.0} in a container)
 * @param port TCP port; {@code 0} picks a free one (tests)
 */
public record SocketSettings(String host, int port) {

    static SocketSettings create(ConfigValues values, String defaultHost, int defaultPort) {
        String host = values.string("host", defaultHost);
        if (!host.matches("[A-Za-z0-9.:\\-\\[\\]]{1,253}")) {
            throw new InvalidConfigException(values.key("host") + " must be a host name or IP address, got '" + host + "'");
        }
        return new SocketSettings(host, values.intInRange("port", defaultPort, 0, 65535));
    }
}
