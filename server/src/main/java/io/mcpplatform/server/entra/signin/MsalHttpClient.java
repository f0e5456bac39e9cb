package io.mcpplatform.server.entra.signin;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * msal4j's HTTP client on the JDK client, with connect and read bounded and an optional URL rewrite (the devstack sends
 * {@code https://login.microsoftonline.com} to its local stand-in; production rewrites nothing). No redirects are
 * followed; nothing is logged.
 */
public final class MsalHttpClient implements IHttpClient {
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final HttpClient http;
    private final Duration timeout;
    private final UnaryOperator<URI> rewrite;

    /** A production client: no rewrite. */
    public MsalHttpClient(Duration timeout) {
        this(timeout, UnaryOperator.identity());
    }

    /**
     * @param timeout bound on connect and on the whole response
     * @param rewrite maps the URL msal4j asks for to the URL really called
     */
    public MsalHttpClient(Duration timeout, UnaryOperator<URI> rewrite) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.rewrite = Objects.requireNonNull(rewrite, "rewrite");
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public IHttpResponse send(HttpRequest request) throws IOException, InterruptedException {
        URI target;
        try {
            target = rewrite.apply(request.url().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("msal4j asked for a malformed URL");
        }
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(target).timeout(timeout);
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (header.getValue() != null && !RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                builder.header(header.getKey(), header.getValue());
            }
        }
        switch (request.httpMethod()) {
            case GET -> builder.GET();
            case POST -> builder.POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                    request.body() == null ? "" : request.body()));
            default -> builder.method(request.httpMethod().name(),
                    java.net.http.HttpRequest.BodyPublishers.ofString(request.body() == null ? "" : request.body()));
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        com.microsoft.aad.msal4j.HttpResponse answer = new com.microsoft.aad.msal4j.HttpResponse();
        answer.statusCode(response.statusCode());
        answer.body(response.body());
        answer.addHeaders(response.headers().map());
        return answer;
    }
}
