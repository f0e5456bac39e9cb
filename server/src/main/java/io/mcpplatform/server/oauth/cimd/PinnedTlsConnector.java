package io.mcpplatform.server.oauth.cimd;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Connects a plain TCP socket to the vetted IP (so no DNS happens here at all), then layers TLS on it with the URL's
 * host as SNI and as the name the certificate must carry (endpoint identification {@code HTTPS}). TLS 1.2+ only.
 * A watchdog closes the socket if connect + handshake outlast the timeout, so a server dribbling its handshake cannot
 * hold the caller.
 */
public final class PinnedTlsConnector implements TlsConnector {

    private final SSLContext context;

    public PinnedTlsConnector(SSLContext context) {
        this.context = context;
    }

    /** Trusts the JDK's default CA certificates. */
    public static PinnedTlsConnector withSystemTrust() {
        try {
            return new PinnedTlsConnector(SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    @Override
    public SSLSocket connect(InetAddress address, String host, int port, Duration timeout) throws IOException {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Socket raw = new Socket();
        AtomicBoolean fired = new AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().start(() -> closeAfter(raw, millis, fired));
        try {
            raw.connect(new InetSocketAddress(address, port), millis);
            raw.setSoTimeout(millis);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            if (!isIpLiteral(host)) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            raw.close();
            if (fired.get()) {
                throw new SocketTimeoutException("connect and TLS handshake took longer than " + millis + " ms");
            }
            throw e;
        } finally {
            watchdog.interrupt();
        }
    }

    private static void closeAfter(Socket socket, int millis, AtomicBoolean fired) {
        try {
            Thread.sleep(millis);
            fired.set(true);
            socket.close();
        } catch (InterruptedException | IOException ignored) {
            // cancelled: the handshake finished in time (or the socket is already gone)
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
