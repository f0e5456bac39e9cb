package io.mcpplatform.server.entra.validation;

import io.helidon.http.Status;
import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkKeys;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import io.mcpplatform.server.entra.InvalidTokenException;
import jakarta.json.Json;
import jakarta.json.JsonReader;

import java.io.ByteArrayInputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SigningKeys} fetched with Helidon's WebClient and cached per JWKS URI. An unknown {@code kid} triggers a
 * refetch at most once per {@link #MIN_REFETCH_INTERVAL} per URI (so forged key ids cannot turn into a flood of
 * requests to Entra); a key set older than {@link #MAX_AGE} is refreshed on use. When Entra cannot be reached the
 * cached keys keep serving; without any cached keys validation fails closed.
 */
public final class CachedJwks implements SigningKeys {
    /** Shortest time between two fetches of one key set. */
    public static final Duration MIN_REFETCH_INTERVAL = Duration.ofMinutes(5);
    /** Age after which a key set is refreshed (kept when the refresh fails). */
    public static final Duration MAX_AGE = Duration.ofHours(24);
    /** Largest key set accepted. */
    public static final int MAX_BYTES = 256 * 1024;
    private static final System.Logger LOG = System.getLogger(CachedJwks.class.getName());

    private final WebClient client;
    private final Clock clock;
    private final Map<URI, Entry> cache = new ConcurrentHashMap<>();

    public CachedJwks(WebClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Jwk> key(URI jwksUri, String keyId) {
        Entry entry = cache.computeIfAbsent(jwksUri, uri -> new Entry());
        synchronized (entry) {
            Instant now = clock.instant();
            if (entry.keys == null) {
                refetch(jwksUri, entry, now);
                if (entry.keys == null) {
                    throw new InvalidTokenException("Entra signing keys are unavailable");
                }
                return entry.keys.forKeyId(keyId);
            }
            Optional<Jwk> key = entry.keys.forKeyId(keyId);
            boolean stale = entry.fetchedAt.plus(MAX_AGE).isBefore(now);
            if ((key.isEmpty() || stale) && mayRefetch(entry, now)) {
                refetch(jwksUri, entry, now);
                key = entry.keys.forKeyId(keyId);
            }
            return key;
        }
    }

    private static boolean mayRefetch(Entry entry, Instant now) {
        return entry.lastAttempt == null || !entry.lastAttempt.plus(MIN_REFETCH_INTERVAL).isAfter(now);
    }

    private void refetch(URI uri, Entry entry, Instant now) {
        if (entry.keys == null && entry.lastAttempt != null && !mayRefetch(entry, now)) {
            return; // no keys and a recent failed attempt: fail closed without asking again
        }
        entry.lastAttempt = now;
        try {
            entry.keys = fetch(uri);
            entry.fetchedAt = now;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Entra signing keys could not be fetched from " + uri + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage() + (entry.keys == null ? "" : "; serving cached keys"));
        }
    }

    private JwkKeys fetch(URI uri) {
        ClientResponseTyped<byte[]> response = client.get(uri.toString()).request(byte[].class);
        if (response.status().code() != Status.OK_200.code()) {
            throw new IllegalStateException("status " + response.status().code());
        }
        byte[] body = response.entity();
        if (body.length > MAX_BYTES) {
            throw new IllegalStateException("key set larger than " + MAX_BYTES + " bytes");
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return JwkKeys.create(reader.readObject());
        }
    }

    private static final class Entry {
        private JwkKeys keys;
        private Instant fetchedAt;
        private Instant lastAttempt;
    }
}
