package io.mcpplatform.server.graph;

import io.helidon.webclient.api.WebClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Where Graph lives and how long to wait for it; shared by all users, makes one {@link GraphClient} per call site.
 * The default base URL is the public cloud's {@value #DEFAULT_BASE_URL}; the devstack points it at the stand-in.
 */
public final class GraphConnection {
    /** Microsoft Graph v1.0 in the public cloud. */
    public static final String DEFAULT_BASE_URL = "https://graph.microsoft.com/v1.0";
    /** Upper bound of the connect and read timeouts. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);

    private final URI baseUrl;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final WebClient http;

    /**
     * @param baseUrl Graph's v1.0 root, e.g. {@value #DEFAULT_BASE_URL}
     * @param timeout connect and read timeout, at most {@link #MAX_TIMEOUT}
     * @param retry   how throttling is waited out
     */
    public GraphConnection(URI baseUrl, Duration timeout, RetryPolicy retry) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("graph timeout must be between 1 ms and " + MAX_TIMEOUT);
        }
        this.timeout = timeout;
        this.retry = Objects.requireNonNull(retry, "retry");
        this.http = WebClient.builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .followRedirects(false)
                .build();
    }

    /** The public cloud, 10 s timeouts, the default retry policy. */
    public static GraphConnection publicCloud() {
        return new GraphConnection(URI.create(DEFAULT_BASE_URL), MAX_TIMEOUT, RetryPolicy.defaults(Clock.systemUTC()));
    }

    /** A client whose calls carry tokens from {@code tokens}. */
    public GraphClient client(AccessTokens tokens) {
        return new GraphClient(this, tokens);
    }

    /** Graph's v1.0 root, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    Duration timeout() {
        return timeout;
    }

    RetryPolicy retry() {
        return retry;
    }

    WebClient http() {
        return http;
    }
}
