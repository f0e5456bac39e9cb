package io.mcpplatform.server.oauth.cimd;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/**
 * Opens a TLS connection to an already vetted IP address (pinned: no second resolution), presenting {@code host} as
 * SNI and verifying the certificate against {@code host}. Injectable so tests can trust a local self-signed
 * certificate.
 */
@FunctionalInterface
public interface TlsConnector {

    /**
     * @param address the vetted address to connect to
     * @param host    the URL's host: SNI and certificate name
     * @param port    the URL's port
     * @param timeout bound on TCP connect + handshake
     * @return a connected socket whose handshake is complete
     */
    SSLSocket connect(InetAddress address, String host, int port, Duration timeout) throws IOException;
}
