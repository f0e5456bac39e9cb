package io.mcpplatform.server.oauth.cimd;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A successfully fetched metadata document: the raw JSON bytes, not yet parsed or trusted.
 *
 * @param url           the URL that was fetched (exactly as asked for: it is the {@code client_id})
 * @param status        the HTTP status (always 200 for a returned document)
 * @param contentType   the response's media type, e.g. {@code application/json}
 * @param body          the body bytes (at most {@link FetchLimits#maxBodyBytes()})
 * @param cacheLifetime how long this document may be used, {@code max-age} clamped to the limits
 * @param fetchedAt     when it was fetched (by the fetcher's clock)
 */
public record FetchedDocument(URI url, int status, String contentType, byte[] body, Duration cacheLifetime,
                              Instant fetchedAt) {

    public FetchedDocument {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(cacheLifetime, "cacheLifetime");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        body = body.clone();
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** When this document stops being usable from the cache. */
    public Instant expiresAt() {
        return fetchedAt.plus(cacheLifetime);
    }
}
