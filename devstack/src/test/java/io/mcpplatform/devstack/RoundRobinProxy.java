package io.mcpplatform.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback reverse proxy in front of several platform instances, shaped like a cloud load balancer with session
 * affinity: requests without {@code Mcp-Session-Id} go round-robin; a request with a session id goes to the instance
 * that answered that session's initialize while it is up. An instance that refuses connections is skipped (the
 * request goes to the next one), as a load balancer's retry on connect failure does. Bodies stream both ways (SSE).
 */
final class RoundRobinProxy implements AutoCloseable {
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");
    private static final String SESSION = "Mcp-Session-Id";

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<URI> backends = new CopyOnWriteArrayList<>();
    private final Map<String, URI> sessions = new ConcurrentHashMap<>();
    private final Map<URI, AtomicInteger> served = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    private RoundRobinProxy(HttpServer server) {
        this.server = server;
    }

    static RoundRobinProxy start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        RoundRobinProxy proxy = new RoundRobinProxy(server);
        server.createContext("/", proxy::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return proxy;
    }

    /** The URL clients use (also the platforms' external base URL). */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void addBackend(URI baseUrl) {
        backends.add(baseUrl);
        served.put(baseUrl, new AtomicInteger());
    }

    /** Requests answered by each backend so far. */
    int served(URI backend) {
        return served.get(backend).get();
    }

    /** The backend that answered the session's initialize. */
    URI ownerOf(String sessionId) {
        return sessions.get(sessionId);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String session = exchange.getRequestHeaders().getFirst(SESSION);
            URI sticky = session == null ? null : sessions.get(session);
            int start = next.getAndIncrement();
            HttpResponse<InputStream> response = null;
            URI used = null;
            for (int i = 0; i <= backends.size() && response == null; i++) {
                URI backend = i == 0 && sticky != null ? sticky
                        : backends.get(Math.floorMod(start + i, backends.size()));
                try {
                    response = client.send(request(exchange, backend, body), HttpResponse.BodyHandlers.ofInputStream());
                    used = backend;
                } catch (ConnectException e) {
                    // instance gone: the next one takes the request
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            if (response == null) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            served.get(used).incrementAndGet();
            String newSession = response.headers().firstValue(SESSION).orElse(null);
            if (newSession != null && session == null) {
                sessions.put(newSession, used);
            }
            relay(exchange, response);
        }
    }

    private static HttpRequest request(HttpExchange exchange, URI backend, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(backend + exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return b.build();
    }

    private static void relay(HttpExchange exchange, HttpResponse<InputStream> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        long length = response.headers().firstValueAsLong("content-length").orElse(-2);
        boolean empty = length == 0 || response.statusCode() == 204 || response.statusCode() == 304
                || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : length > 0 ? length : 0);
        try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
