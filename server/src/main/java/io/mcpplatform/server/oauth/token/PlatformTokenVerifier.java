package io.mcpplatform.server.oauth.token;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.JwkRSA;
import io.mcpplatform.server.entra.InvalidTokenException;
import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.oauth.keys.SigningKeys;
import io.mcpplatform.tenants.Tenant;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a platform access token for one tenant. Accepts only: {@code alg} RS256 (so {@code none} and HS* never
 * reach a key), {@code typ} {@code at+jwt}, a {@code kid} of this tenant's keys (an unknown one reloads them once,
 * bounded), a valid signature, {@code iss} = this tenant's issuer, {@code aud} containing this tenant's MCP URL,
 * {@code exp} in the future and {@code nbf}/{@code iat} not in the future (both with the configured skew), the
 * required claims, and a {@code jti} not on the deny list. Key-carrying headers ({@code jku}, {@code x5u},
 * {@code jwk}) are ignored: the key always comes from our own store. Tokens with {@code crit} are rejected.
 */
public final class PlatformTokenVerifier {
    private static final int MAX_TOKEN_CHARS = 8192;
    /** Verified tokens remembered per instance (the RS256 check and JSON parsing dominate a request's cost). */
    static final int VERIFIED_CACHE_SIZE = 10_000;

    private final SigningKeys keys;
    private final PlatformUrls urls;
    private final RevokedAccessTokens revoked;
    private final TokenSettings settings;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public PlatformTokenVerifier(SigningKeys keys, PlatformUrls urls, RevokedAccessTokens revoked,
                                 TokenSettings settings, Clock clock) {
        this.keys = keys;
        this.urls = urls;
        this.revoked = revoked;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Parses a compact JWS without verifying anything.
     *
     * @throws InvalidTokenException when it is not a JWT
     */
    public static SignedJwt parse(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS || token.chars().filter(c -> c == '.').count() != 2) {
            throw new InvalidTokenException("not a JWT");
        }
        try {
            return SignedJwt.parseToken(token);
        } catch (RuntimeException e) {
            throw new InvalidTokenException("malformed JWT");
        }
    }

    /** The {@code iss} claim of a parsed, unverified token (to route it to the right verifier). */
    public static Optional<String> unverifiedIssuer(SignedJwt jwt) {
        try {
            return jwt.getJwt().issuer();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the token claims to come from this tenant's own authorization server. */
    public boolean isOurs(Tenant tenant, SignedJwt jwt) {
        return unverifiedIssuer(jwt).map(urls.issuer(tenant.slug())::equals).orElse(false);
    }

    /**
     * @throws InvalidTokenException naming what failed (never echoing the token)
     */
    public AccessTokenClaims verify(Tenant tenant, String token) {
        return remembered(tenant, token).orElseGet(() -> remember(tenant, token, verify(tenant, parse(token))));
    }

    /**
     * The claims of a token this instance already verified for this tenant, while it is unexpired and not revoked.
     * The whole token string is the key, so only the very same token, presented at the same tenant, hits.
     */
    public Optional<AccessTokenClaims> remembered(Tenant tenant, String token) {
        Verified hit = verified.get(token);
        if (hit == null || !hit.tenantId().equals(tenant.id())) {
            return Optional.empty();
        }
        AccessTokenClaims claims = hit.claims();
        if (!claims.expiresAt().plus(settings.clockSkew()).isAfter(clock.instant()) || revoked.isRevoked(claims.jti())) {
            verified.remove(token);
            return Optional.empty();
        }
        return Optional.of(claims);
    }

    /** Verifies a parsed token and remembers the result for {@link #remembered}. */
    public AccessTokenClaims verifyAndRemember(Tenant tenant, String token, SignedJwt signed) {
        return remember(tenant, token, verify(tenant, signed));
    }

    private AccessTokenClaims remember(Tenant tenant, String token, AccessTokenClaims claims) {
        if (verified.size() >= VERIFIED_CACHE_SIZE) {
            Instant now = clock.instant();
            verified.values().removeIf(v -> !v.claims().expiresAt().isAfter(now));
            if (verified.size() >= VERIFIED_CACHE_SIZE) {
                verified.clear();
            }
        }
        verified.put(token, new Verified(tenant.id(), claims));
        return claims;
    }

    private record Verified(java.util.UUID tenantId, AccessTokenClaims claims) {
    }

    /**
     * @throws InvalidTokenException naming what failed (never echoing the token)
     */
    public AccessTokenClaims verify(Tenant tenant, SignedJwt signed) {
        try {
            return checked(tenant, signed);
        } catch (InvalidTokenException | io.mcpplatform.tenants.store.DatabaseDownException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidTokenException("malformed claims");
        }
    }

    private AccessTokenClaims checked(Tenant tenant, SignedJwt signed) {
        Jwt jwt;
        try {
            jwt = signed.getJwt();
        } catch (RuntimeException e) {
            throw new InvalidTokenException("malformed JWT");
        }
        String alg = jwt.algorithm().orElse("");
        if (!JwkRSA.ALG_RS256.equals(alg)) {
            throw new InvalidTokenException("algorithm not accepted");
        }
        String typ = jwt.type().orElse("").toLowerCase(Locale.ROOT);
        if (!typ.equals(AccessTokenIssuer.TYPE) && !typ.equals("application/" + AccessTokenIssuer.TYPE)) {
            throw new InvalidTokenException("not an access token (typ)");
        }
        if (jwt.headerClaim("crit").isPresent()) {
            throw new InvalidTokenException("critical header not understood");
        }
        String kid = jwt.keyId().orElseThrow(() -> new InvalidTokenException("no key id"));
        JwkRSA key = keys.verificationKey(tenant.id(), kid)
                .orElseThrow(() -> new InvalidTokenException("unknown signing key"));
        if (!key.verifySignature(signed.getSignedBytes(), signed.getSignature())) {
            throw new InvalidTokenException("signature invalid");
        }
        if (!jwt.issuer().map(urls.issuer(tenant.slug())::equals).orElse(false)) {
            throw new InvalidTokenException("issuer not accepted");
        }
        String audience = urls.mcp(tenant.slug());
        if (!jwt.audience().map(a -> a.contains(audience)).orElse(false)) {
            throw new InvalidTokenException("audience not accepted");
        }
        Instant now = clock.instant();
        Instant exp = jwt.expirationTime().orElseThrow(() -> new InvalidTokenException("no expiry"));
        if (!exp.plus(settings.clockSkew()).isAfter(now)) {
            throw new InvalidTokenException("token expired");
        }
        Optional<Instant> nbf = jwt.notBefore();
        if (nbf.isPresent() && nbf.get().minus(settings.clockSkew()).isAfter(now)) {
            throw new InvalidTokenException("token not yet valid");
        }
        Instant iat = jwt.issueTime().orElseThrow(() -> new InvalidTokenException("no issue time"));
        if (iat.minus(settings.clockSkew()).isAfter(now)) {
            throw new InvalidTokenException("token issued in the future");
        }
        String jti = jwt.jwtId().orElseThrow(() -> new InvalidTokenException("no token id"));
        String oid = string(jwt, "oid").orElseThrow(() -> new InvalidTokenException("no oid"));
        if (!jwt.subject().map(oid::equals).orElse(false)) {
            throw new InvalidTokenException("subject does not match oid");
        }
        String tid = string(jwt, "tid").orElseThrow(() -> new InvalidTokenException("no tid"));
        String clientId = string(jwt, "client_id").orElseThrow(() -> new InvalidTokenException("no client_id"));
        Set<String> scopes = new LinkedHashSet<>(string(jwt, "scope").map(s -> Arrays.asList(s.split(" ")))
                .orElse(List.of()));
        scopes.remove("");
        if (revoked.isRevoked(jti)) {
            throw new InvalidTokenException("token revoked");
        }
        return new AccessTokenClaims(tid, oid, string(jwt, "name").orElse(""),
                jwt.preferredUsername().orElse(""), clientId, scopes, jti, exp);
    }

    private static Optional<String> string(Jwt jwt, String claim) {
        Optional<JsonValue> value = jwt.payloadClaim(claim);
        return value.filter(v -> v.getValueType() == JsonValue.ValueType.STRING)
                .map(v -> ((JsonString) v).getString())
                .filter(s -> !s.isEmpty());
    }
}
