package io.mcpplatform.devstack.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which bearer tokens the stand-in Graph accepts: a JWT for {@code https://graph.microsoft.com} that has not expired
 * and names an {@code oid}; with a stand-in Entra to trust, also signed by that directory's key (its JWKS) and issued
 * by {@code https://login.microsoftonline.com/{tid}/v2.0}.
 */
final class StandInTokenCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTRA = "https://login.microsoftonline.com/";

    private final Optional<URI> entraBase;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, JWKSet> keys = new ConcurrentHashMap<>();

    StandInTokenCheck(Optional<URI> entraBase, Clock clock) {
        this.entraBase = entraBase;
        this.clock = clock;
    }

    /** The token's claims when it is acceptable, else empty. */
    Optional<Map<String, Object>> claims(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).strip();
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> claims = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
            Object aud = claims.get("aud");
            Object exp = claims.get("exp");
            boolean forGraph = GraphStandIn.AUDIENCE.equals(aud)
                    || (aud instanceof List<?> l && l.contains(GraphStandIn.AUDIENCE));
            boolean live = exp instanceof Number n && Instant.ofEpochSecond(n.longValue()).isAfter(clock.instant());
            if (!forGraph || !live || !(claims.get("oid") instanceof String) || !(claims.get("tid") instanceof String)) {
                return Optional.empty();
            }
            return entraBase.isEmpty() || signedByEntra(token, (String) claims.get("tid"), claims.get("iss"))
                    ? Optional.of(claims) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private boolean signedByEntra(String token, String tid, Object iss) {
        if (!(ENTRA + tid + "/v2.0").equals(iss)) {
            return false;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWKSet set = keys.computeIfAbsent(tid, this::fetch);
            JWK key = set.getKeyByKeyId(jwt.getHeader().getKeyID());
            if (key == null && set.getKeys().size() == 1) {
                key = set.getKeys().getFirst();
            }
            return key instanceof RSAKey rsa && jwt.verify(new RSASSAVerifier(rsa));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return false;
        }
    }

    private JWKSet fetch(String tid) {
        URI uri = URI.create(entraBase.orElseThrow() + "/" + tid + "/discovery/v2.0/keys");
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JWKSet.parse(r.body());
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("stand-in Entra keys unavailable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
