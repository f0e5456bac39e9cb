package io.mcpplatform.server.oauth.cimd;

import io.mcpplatform.server.oauth.cimd.DocumentFetchException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Fetches a client-ID metadata document without letting the URL reach anything internal (OWASP SSRF rules):
 * <ol>
 *   <li>the URL must pass {@link DocumentUrl} (https, no userinfo, no fragment, a path);</li>
 *   <li>the host is resolved here, and EVERY address must pass {@link AddressPolicy};</li>
 *   <li>the connection goes to that vetted address (pinned: no second resolution, so no DNS rebinding), with the
 *       URL's host as SNI, certificate name and {@code Host} header;</li>
 *   <li>one GET with {@code Accept: application/json}; 3xx is refused (redirects are never followed), any status but
 *       200 is refused, the content type must be JSON, the body at most 5 KiB, everything within 3 s;</li>
 *   <li>documents are cached for their {@code max-age} clamped to [5 min, 24 h], failures for 1 min; at most one
 *       fetch per URL is in flight.</li>
 * </ol>
 * The body is returned as bytes: parsing and checking the document ({@code client_id} equals the URL, ...) is the
 * caller's job.
 */
public final class SafeDocumentFetcher {

    private final HostResolver resolver;
    private final TlsConnector connector;
    private final Set<InetAddress> allowedLoopback;
    private final FetchLimits limits;
    private final Clock clock;
    private final DocumentCache cache;

    /** Production: system DNS, system CA trust, the default limits, no exception to the address policy. */
    public SafeDocumentFetcher(Clock clock) {
        this(clock, HostResolver.SYSTEM, PinnedTlsConnector.withSystemTrust(), Set.of(), FetchLimits.DEFAULTS);
    }

    private SafeDocumentFetcher(Clock clock, HostResolver resolver, TlsConnector connector,
                                Set<InetAddress> allowedLoopback, FetchLimits limits) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.allowedLoopback = Set.copyOf(allowedLoopback);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.cache = new DocumentCache(clock, limits);
    }

    /**
     * TESTS ONLY (never wired in production): a fetcher with an injected resolver, a TLS context that trusts a local
     * self-signed certificate, and explicitly allowed LOOPBACK addresses (anything else in {@code allowedLoopback}
     * is refused here, so even a misuse cannot open private ranges).
     */
    public static SafeDocumentFetcher forLocalTesting(Clock clock, HostResolver resolver, SSLContext trust,
                                                      Set<InetAddress> allowedLoopback) {
        return forLocalTesting(clock, resolver, new PinnedTlsConnector(trust), allowedLoopback, FetchLimits.DEFAULTS);
    }

    /** TESTS ONLY: as above with an injected connector and limits. */
    public static SafeDocumentFetcher forLocalTesting(Clock clock, HostResolver resolver, TlsConnector connector,
                                                      Set<InetAddress> allowedLoopback, FetchLimits limits) {
        for (InetAddress address : allowedLoopback) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("only loopback addresses may be allowed for tests: " + address);
            }
        }
        return new SafeDocumentFetcher(clock, resolver, connector, allowedLoopback, limits);
    }

    /**
     * The document at {@code url}, from the cache when fresh.
     *
     * @throws DocumentFetchException with the rule that failed; also remembered for the negative TTL
     */
    public FetchedDocument fetch(URI url) throws DocumentFetchException {
        Objects.requireNonNull(url, "url");
        DocumentUrl parsed = DocumentUrl.parse(url);
        return cache.get(url, u -> load(u, parsed));
    }

    private FetchedDocument load(URI url, DocumentUrl target) throws DocumentFetchException {
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        InetAddress pinned = vettedAddress(target.host());
        BoundedHttpExchange.Response response;
        try (SSLSocket socket = connector.connect(pinned, target.host(), target.port(), remaining(deadline))) {
            response = new BoundedHttpExchange(socket, limits, deadline).get(target);
        } catch (SocketTimeoutException e) {
            throw new DocumentFetchException(Reason.TIMEOUT, "no response from " + target.host() + " within "
                    + limits.timeout());
        } catch (SSLException e) {
            throw new DocumentFetchException(Reason.CONNECT_FAILED, "TLS with " + target.host() + " failed");
        } catch (IOException e) {
            if (System.nanoTime() - deadline >= 0) {
                throw new DocumentFetchException(Reason.TIMEOUT, "no response from " + target.host() + " within "
                        + limits.timeout());
            }
            throw new DocumentFetchException(Reason.CONNECT_FAILED, "connection to " + target.host() + " failed");
        }
        return accept(url, target, response);
    }

    private FetchedDocument accept(URI url, DocumentUrl target, BoundedHttpExchange.Response response)
            throws DocumentFetchException {
        int status = response.status();
        if (status >= 300 && status < 400) {
            throw new DocumentFetchException(Reason.REDIRECT, target.host() + " answered " + status
                    + "; redirects are not followed");
        }
        if (status != 200) {
            throw new DocumentFetchException(Reason.HTTP_STATUS, target.host() + " answered " + status);
        }
        String contentType = mediaType(response.header("content-type"));
        if (!isJson(contentType)) {
            throw new DocumentFetchException(Reason.NOT_JSON, target.host() + " answered content type '"
                    + contentType + "'");
        }
        Duration lifetime = cache.lifetime(response.header("cache-control"));
        return new FetchedDocument(url, status, contentType, response.body(), lifetime, clock.instant());
    }

    private InetAddress vettedAddress(String host) throws DocumentFetchException {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new DocumentFetchException(Reason.UNRESOLVABLE, "host " + host + " does not resolve");
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new DocumentFetchException(Reason.UNRESOLVABLE, "host " + host + " has no address");
        }
        for (InetAddress address : addresses) {
            if (allowedLoopback.contains(address)) {
                continue;
            }
            Optional<String> reason = AddressPolicy.forbiddenReason(address);
            if (reason.isPresent()) {
                throw new DocumentFetchException(Reason.FORBIDDEN_ADDRESS, "host " + host + " resolves to a "
                        + reason.get() + " address");
            }
        }
        return addresses.getFirst();
    }

    private static Duration remaining(long deadline) throws DocumentFetchException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new DocumentFetchException(Reason.TIMEOUT, "time limit reached before connecting");
        }
        return Duration.ofNanos(nanos);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String mediaType) {
        return "application/json".equals(mediaType)
                || mediaType.startsWith("application/") && mediaType.endsWith("+json");
    }
}
