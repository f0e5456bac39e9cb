package io.mcpplatform.server.oauth.cimd;

import io.mcpplatform.server.oauth.cimd.DocumentFetchException.Reason;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remembers fetched documents (for their clamped {@code max-age}) and failures (for the negative TTL), keyed by the
 * exact URL, and lets at most one fetch per URL be in flight: concurrent callers wait for the same result.
 */
final class DocumentCache {

    /** The fetch to run on a miss. */
    @FunctionalInterface
    interface Loader {
        FetchedDocument load(URI url) throws DocumentFetchException;
    }

    private record Entry(FetchedDocument document, Reason failure, String failureMessage, Instant expiresAt) {
    }

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])(?:s-maxage|max-age)\\s*=\\s*\"?(\\d{1,10})\"?");

    private final Clock clock;
    private final FetchLimits limits;
    private final Map<URI, Entry> entries = new ConcurrentHashMap<>();
    private final Map<URI, CompletableFuture<FetchedDocument>> inFlight = new ConcurrentHashMap<>();

    DocumentCache(Clock clock, FetchLimits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    FetchedDocument get(URI url, Loader loader) throws DocumentFetchException {
        Entry cached = entries.get(url);
        if (cached != null && clock.instant().isBefore(cached.expiresAt())) {
            return answer(cached);
        }
        CompletableFuture<FetchedDocument> mine = new CompletableFuture<>();
        CompletableFuture<FetchedDocument> running = inFlight.putIfAbsent(url, mine);
        if (running != null) {
            return await(running);
        }
        try {
            FetchedDocument document = loader.load(url);
            remember(url, new Entry(document, null, null, document.expiresAt()));
            mine.complete(document);
            return document;
        } catch (DocumentFetchException e) {
            remember(url, new Entry(null, e.reason(), stripReason(e), clock.instant().plus(limits.negativeTtl())));
            mine.completeExceptionally(e);
            throw e;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(url, mine);
        }
    }

    /** The cache lifetime for a response's {@code Cache-Control}: {@code max-age} clamped, the minimum without one. */
    Duration lifetime(String cacheControl) {
        Duration wanted = limits.minCacheTtl();
        if (cacheControl != null) {
            Matcher m = MAX_AGE.matcher(cacheControl.toLowerCase(Locale.ROOT));
            if (m.find()) {
                wanted = Duration.ofSeconds(Long.parseLong(m.group(1)));
            }
        }
        if (wanted.compareTo(limits.minCacheTtl()) < 0) {
            return limits.minCacheTtl();
        }
        return wanted.compareTo(limits.maxCacheTtl()) > 0 ? limits.maxCacheTtl() : wanted;
    }

    private void remember(URI url, Entry entry) {
        if (entries.size() >= limits.maxCacheEntries()) {
            Instant now = clock.instant();
            entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
            if (entries.size() >= limits.maxCacheEntries()) {
                return;
            }
        }
        entries.put(url, entry);
    }

    private static FetchedDocument answer(Entry entry) throws DocumentFetchException {
        if (entry.document() != null) {
            return entry.document();
        }
        throw new DocumentFetchException(entry.failure(), entry.failureMessage() + " (remembered)");
    }

    private static FetchedDocument await(CompletableFuture<FetchedDocument> running) throws DocumentFetchException {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof DocumentFetchException failure) {
                throw new DocumentFetchException(failure.reason(), stripReason(failure));
            }
            throw e;
        }
    }

    private static String stripReason(DocumentFetchException e) {
        String prefix = e.reason() + ": ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
