package io.mcpplatform.server.oauth.cimd;

import io.mcpplatform.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcpplatform.server.oauth.cimd.DocumentFetchException.Reason;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fetcher against a real local HTTPS server (self-signed certificate for {@code client.example}), with an
 * injected resolver. The injected connector refuses anything but loopback, so no test can send a packet elsewhere.
 */
class SafeDocumentFetcherTest {

    private static final byte[] DOC = "{\"client_id\":\"x\",\"client_name\":\"Doc\"}".getBytes(StandardCharsets.UTF_8);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    static Path dir;
    private static LocalHttpsServer server;
    private static final CountDownLatch releaseBlocked = new CountDownLatch(1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Map<String, List<InetAddress>> dns = new ConcurrentHashMap<>();
    private final AtomicInteger resolutions = new AtomicInteger();
    private final AtomicInteger connects = new AtomicInteger();
    private HostResolver resolver;
    private TlsConnector connector;
    private SafeDocumentFetcher fetcher;

    @BeforeAll
    static void startServer() throws Exception {
        server = new LocalHttpsServer(dir);
        server.route("/ok.json", ex -> LocalHttpsServer.respond(ex, 200, "application/json; charset=utf-8", DOC));
        server.route("/chunked.json", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(DOC, 0, 10);
                out.flush();
                out.write(DOC, 10, DOC.length - 10);
            }
        });
        server.route("/short-max-age.json", ex -> LocalHttpsServer.respond(ex, 200, "application/json", DOC,
                "Cache-Control", "public, max-age=60"));
        server.route("/hour.json", ex -> LocalHttpsServer.respond(ex, 200, "application/json", DOC,
                "Cache-Control", "max-age=3600"));
        server.route("/week.json", ex -> LocalHttpsServer.respond(ex, 200, "application/json", DOC,
                "Cache-Control", "max-age=604800"));
        server.route("/redirect-private.json", ex -> LocalHttpsServer.respond(ex, 302, null, new byte[0],
                "Location", "https://169.254.169.254/latest/meta-data/"));
        server.route("/redirect-public.json", ex -> LocalHttpsServer.respond(ex, 301, null, new byte[0],
                "Location", "https://public.example/ok.json"));
        server.route("/big.json", ex -> LocalHttpsServer.respond(ex, 200, "application/json",
                json(5 * 1024 + 1)));
        server.route("/big-chunked.json", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 64; i++) {
                    out.write(new byte[1024]);
                    out.flush();
                }
            }
        });
        server.route("/html", ex -> LocalHttpsServer.respond(ex, 200, "text/html", "<html></html>".getBytes()));
        server.route("/no-type.json", ex -> LocalHttpsServer.respond(ex, 200, null, DOC));
        server.route("/missing.json", ex -> LocalHttpsServer.respond(ex, 404, "application/json", "{}".getBytes()));
        server.route("/gone.json", ex -> LocalHttpsServer.respond(ex, 410, "application/json", "{}".getBytes()));
        server.route("/never.json", ex -> LocalHttpsServer.respond(ex, 200, "application/json", DOC));
        server.route("/slow.json", ex -> {
            sleep(Duration.ofSeconds(5));
            LocalHttpsServer.respond(ex, 200, "application/json", DOC);
        });
        server.route("/dribble.json", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, DOC.length);
            OutputStream out = ex.getResponseBody();
            for (byte b : DOC) {
                out.write(b);
                out.flush();
                sleep(Duration.ofMillis(500));
            }
        });
        server.route("/blocked.json", ex -> {
            awaitRelease();
            LocalHttpsServer.respond(ex, 200, "application/json", DOC);
        });
    }

    @AfterAll
    static void stopServer() {
        releaseBlocked.countDown();
        server.close();
    }

    @BeforeEach
    void fetcherWithLocalDns() {
        dns.put("client.example", List.of(LOOPBACK));
        dns.put("other.example", List.of(LOOPBACK));
        resolver = host -> {
            resolutions.incrementAndGet();
            List<InetAddress> addresses = dns.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses;
        };
        PinnedTlsConnector real = new PinnedTlsConnector(server.clientTrust());
        connector = (address, host, port, timeout) -> {
            if (!address.isLoopbackAddress()) {
                throw new AssertionError("the fetcher tried to connect to " + address);
            }
            connects.incrementAndGet();
            return real.connect(address, host, port, timeout);
        };
        fetcher = SafeDocumentFetcher.forLocalTesting(clock, resolver, connector, Set.of(LOOPBACK),
                FetchLimits.DEFAULTS);
    }

    private URI url(String path) {
        return URI.create("https://client.example:" + server.port() + path);
    }

    private Reason failure(URI url) {
        return assertThrows(DocumentFetchException.class, () -> fetcher.fetch(url)).reason();
    }

    @Test
    void fetchWhenPublicJsonThenBodyAndMinimumLifetime() throws Exception {
        FetchedDocument document = fetcher.fetch(url("/ok.json"));
        assertEquals(200, document.status());
        assertEquals("application/json", document.contentType());
        assertArrayEquals(DOC, document.body());
        assertEquals(Duration.ofMinutes(5), document.cacheLifetime());
        assertTrue(server.hostHeaders.contains("client.example:" + server.port()));
        assertTrue(server.acceptHeaders.contains("application/json"));
        assertEquals(1, resolutions.get(), "the host is resolved once and the vetted address is used");
    }

    @Test
    void fetchWhenChunkedThenBodyReassembled() throws Exception {
        assertArrayEquals(DOC, fetcher.fetch(url("/chunked.json")).body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.mcpplatform.server.oauth.cimd.AddressPolicyTest#forbidden")
    void fetchWhenHostResolvesToForbiddenAddressThenRefusedWithoutConnecting(String literal) throws Exception {
        dns.put("victim.example", List.of(AddressPolicyTest.literal(literal)));
        SafeDocumentFetcher strict = SafeDocumentFetcher.forLocalTesting(clock, resolver, connector, Set.of(),
                FetchLimits.DEFAULTS);
        DocumentFetchException e = assertThrows(DocumentFetchException.class,
                () -> strict.fetch(URI.create("https://victim.example/meta.json")));
        assertEquals(Reason.FORBIDDEN_ADDRESS, e.reason());
        assertEquals(0, connects.get());
    }

    @Test
    void fetchWhenOnePublicAndOnePrivateAddressThenRefusedWithoutConnecting() throws Exception {
        dns.put("mixed.example", List.of(InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7")));
        assertEquals(Reason.FORBIDDEN_ADDRESS, failure(URI.create("https://mixed.example/meta.json")));
        dns.put("mixed6.example", List.of(InetAddress.getByName("2606:4700::1111"), InetAddress.getByName("fd00::1")));
        assertEquals(Reason.FORBIDDEN_ADDRESS, failure(URI.create("https://mixed6.example/meta.json")));
        assertEquals(0, connects.get());
    }

    @Test
    void fetchWhenLoopbackNotExplicitlyAllowedThenRefused() throws Exception {
        dns.put("alt-loopback.example", List.of(InetAddress.getByName("127.0.0.2")));
        assertEquals(Reason.FORBIDDEN_ADDRESS, failure(URI.create("https://alt-loopback.example/meta.json")));
    }

    @Test
    void productionFetcherWhenIpLiteralOfInternalAddressThenRefused() {
        SafeDocumentFetcher production = new SafeDocumentFetcher(clock);
        for (String url : List.of("https://127.0.0.1:" + server.port() + "/never.json", "https://[::1]/meta.json",
                "https://169.254.169.254/latest/meta-data", "https://[::ffff:169.254.169.254]/x",
                "https://168.63.129.16/machine", "https://0.0.0.0/x", "https://10.0.0.1/x")) {
            DocumentFetchException e = assertThrows(DocumentFetchException.class,
                    () -> production.fetch(URI.create(url)), url);
            assertEquals(Reason.FORBIDDEN_ADDRESS, e.reason(), url);
        }
        assertEquals(0, server.requests("/never.json"));
    }

    @Test
    void testingFactoryWhenNonLoopbackAllowedThenRefused() throws Exception {
        InetAddress privateAddress = InetAddress.getByName("10.0.0.1");
        assertThrows(IllegalArgumentException.class, () -> SafeDocumentFetcher.forLocalTesting(clock,
                HostResolver.SYSTEM, server.clientTrust(), Set.of(privateAddress)));
    }

    @Test
    void fetchWhenHttpSchemeThenInvalidUrlWithoutResolving() {
        assertEquals(Reason.INVALID_URL, failure(URI.create("http://client.example:" + server.port() + "/ok.json")));
        assertEquals(0, resolutions.get());
    }

    @Test
    void fetchWhenUnknownHostThenUnresolvable() {
        assertEquals(Reason.UNRESOLVABLE, failure(URI.create("https://nowhere.example/meta.json")));
    }

    @Test
    void fetchWhenRedirectToPrivateAddressThenRefusedAndNotFollowed() {
        assertEquals(Reason.REDIRECT, failure(url("/redirect-private.json")));
        assertEquals(1, resolutions.get());
        assertEquals(1, connects.get());
    }

    @Test
    void fetchWhenRedirectToPublicHostThenRefusedAndNotFollowed() {
        dns.put("public.example", List.of(LOOPBACK));
        assertEquals(Reason.REDIRECT, failure(url("/redirect-public.json")));
        assertEquals(1, resolutions.get());
        assertEquals(1, connects.get());
    }

    @Test
    void fetchWhenContentLengthOverLimitThenTooLarge() {
        assertEquals(Reason.TOO_LARGE, failure(url("/big.json")));
    }

    @Test
    void fetchWhenChunkedBodyOverLimitThenTooLarge() {
        assertEquals(Reason.TOO_LARGE, failure(url("/big-chunked.json")));
    }

    @Test
    void fetchWhenServerSleepsFiveSecondsThenTimeout() {
        assertEquals(Reason.TIMEOUT, failure(url("/slow.json")));
    }

    @Test
    void fetchWhenServerDribblesBodyPastTheBoundThenTimeout() {
        assertEquals(Reason.TIMEOUT, failure(url("/dribble.json")));
    }

    @Test
    void fetchWhenHtmlThenNotJson() {
        assertEquals(Reason.NOT_JSON, failure(url("/html")));
    }

    @Test
    void fetchWhenNoContentTypeThenNotJson() {
        assertEquals(Reason.NOT_JSON, failure(url("/no-type.json")));
    }

    @Test
    void fetchWhenNotFoundThenHttpStatus() {
        assertEquals(Reason.HTTP_STATUS, failure(url("/missing.json")));
    }

    @Test
    void fetchWhenCertificateNamesAnotherHostThenConnectFailed() {
        URI other = URI.create("https://other.example:" + server.port() + "/ok.json");
        assertEquals(Reason.CONNECT_FAILED, failure(other));
    }

    @Test
    void fetchWhenCachedThenNoRequest() throws Exception {
        fetcher.fetch(url("/hour.json"));
        clock.advance(Duration.ofMinutes(59));
        FetchedDocument again = fetcher.fetch(url("/hour.json"));
        assertArrayEquals(DOC, again.body());
        assertEquals(1, server.requests("/hour.json"));
        assertEquals(1, resolutions.get());
        clock.advance(Duration.ofMinutes(1));
        fetcher.fetch(url("/hour.json"));
        assertEquals(2, server.requests("/hour.json"));
    }

    @Test
    void cacheLifetimeWhenMaxAgeBelowMinimumThenFiveMinutes() throws Exception {
        assertEquals(Duration.ofMinutes(5), fetcher.fetch(url("/short-max-age.json")).cacheLifetime());
        clock.advance(Duration.ofMinutes(4));
        fetcher.fetch(url("/short-max-age.json"));
        assertEquals(1, server.requests("/short-max-age.json"));
    }

    @Test
    void cacheLifetimeWhenMaxAgeAboveMaximumThenTwentyFourHours() throws Exception {
        assertEquals(Duration.ofHours(24), fetcher.fetch(url("/week.json")).cacheLifetime());
        clock.advance(Duration.ofHours(24));
        fetcher.fetch(url("/week.json"));
        assertEquals(2, server.requests("/week.json"));
    }

    @Test
    void fetchWhenFailureRememberedThenNoRequestForOneMinute() {
        assertEquals(Reason.HTTP_STATUS, failure(url("/gone.json")));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Reason.HTTP_STATUS, failure(url("/gone.json")));
        assertEquals(1, server.requests("/gone.json"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Reason.HTTP_STATUS, failure(url("/gone.json")));
        assertEquals(2, server.requests("/gone.json"));
    }

    @Test
    void fetchWhenForbiddenAddressRememberedThenNotResolvedAgain() {
        dns.put("victim.example", List.of(ipv4("10.1.1.1")));
        assertEquals(Reason.FORBIDDEN_ADDRESS, failure(URI.create("https://victim.example/meta.json")));
        assertEquals(Reason.FORBIDDEN_ADDRESS, failure(URI.create("https://victim.example/meta.json")));
        assertEquals(1, resolutions.get());
    }

    @Test
    void fetchWhenTenCallersAtOnceThenOneRequest() throws Exception {
        int callers = 10;
        List<Thread> threads = new ArrayList<>();
        List<AtomicReference<Object>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            AtomicReference<Object> result = new AtomicReference<>();
            results.add(result);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    result.set(fetcher.fetch(url("/blocked.json")));
                } catch (DocumentFetchException e) {
                    result.set(e);
                }
            }));
        }
        // every caller is parked: the leader in a socket read waiting for the server, nine on the in-flight fetch
        for (int i = 0; i < 1000 && !(server.requests("/blocked.json") == 1 && waiting(threads) == callers - 1); i++) {
            Thread.sleep(10);
        }
        releaseBlocked.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        for (AtomicReference<Object> result : results) {
            assertTrue(result.get() instanceof FetchedDocument, String.valueOf(result.get()));
        }
        assertEquals(1, server.requests("/blocked.json"));
        assertEquals(1, resolutions.get());
    }

    private static long waiting(List<Thread> threads) {
        return threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count();
    }

    private static InetAddress ipv4(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] json(int size) {
        StringBuilder s = new StringBuilder("{\"pad\":\"");
        while (s.length() < size - 2) {
            s.append('x');
        }
        return s.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitRelease() {
        try {
            releaseBlocked.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
