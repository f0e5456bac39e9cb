package io.mcpplatform.server.entra.validation;

import io.helidon.common.Errors;
import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.JwtValidator;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.Jwk;
import io.mcpplatform.server.entra.EntraClaims;
import io.mcpplatform.server.entra.EntraConnection;
import io.mcpplatform.server.entra.EntraEndpoints;
import io.mcpplatform.server.entra.EntraTokenValidator;
import io.mcpplatform.server.entra.InvalidTokenException;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.Tenant;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link EntraTokenValidator} on Helidon's JWT support ({@link SignedJwt}, {@link JwtValidator}, JWK keys). Accepted:
 * RS256 only, signed by a key of the tenant's Entra key set named by {@code kid} (the {@code jku}, {@code x5u} and
 * {@code jwk} headers are ignored), issuer exactly {@link EntraEndpoints#issuer}, audience the app's client id or
 * {@code api://{clientId}}, {@code tid} the tenant's, {@code ver} 2.0, {@code exp} required and {@code nbf} honoured
 * with {@link #CLOCK_SKEW}, and a {@code scp} or {@code roles} claim (an ID token is not an access token).
 */
public final class JwksEntraTokenValidator implements EntraTokenValidator {
    /** Allowed clock difference with Entra. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** Longest bearer token looked at. */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private final EntraEndpoints endpoints;
    private final SigningKeys keys;
    private final Clock clock;

    public JwksEntraTokenValidator(EntraConnection connection, Clock clock) {
        this(connection.endpoints(), new CachedJwks(connection.jwksClient(), clock), clock);
    }

    public JwksEntraTokenValidator(EntraEndpoints endpoints, SigningKeys keys, Clock clock) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public EntraClaims validate(Tenant tenant, String bearerToken) {
        EntraApp app = tenant.entra();
        if (app == null) {
            throw new InvalidTokenException("the tenant has no Entra app");
        }
        return validate(app, bearerToken);
    }

    @Override
    public EntraClaims validate(EntraApp app, String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("the token is empty or too long");
        }
        SignedJwt signed;
        try {
            signed = SignedJwt.parseToken(bearerToken);
        } catch (RuntimeException e) {
            throw new InvalidTokenException("the token is not a signed JWT");
        }
        Jwt jwt = signed.getJwt();
        String alg = jwt.algorithm().orElse("");
        if (!"RS256".equals(alg)) {
            throw new InvalidTokenException("the token's algorithm must be RS256, was '" + safe(alg) + "'");
        }
        String kid = jwt.keyId().filter(k -> !k.isBlank())
                .orElseThrow(() -> new InvalidTokenException("the token names no signing key (kid)"));
        Jwk key = keys.key(endpoints.jwksUri(app), kid)
                .orElseThrow(() -> new InvalidTokenException("the token's signing key is not one of Entra's"));
        if (!Jwk.KEY_TYPE_RSA.equals(key.keyType()) || !key.verifySignature(signed.getSignedBytes(), signed.getSignature())) {
            throw new InvalidTokenException("the token's signature is invalid");
        }
        Instant now = clock.instant();
        Errors errors = JwtValidator.builder()
                .addIssuerValidator(endpoints.issuer(app), true)
                .addAudienceValidator(Set.of(app.clientId(), "api://" + app.clientId()))
                .addDefaultTimeValidators(now, CLOCK_SKEW, true)
                .build()
                .validate(jwt);
        if (!errors.isValid()) {
            throw new InvalidTokenException("the token was not issued by the tenant's Entra app for its API, or has expired: "
                    + errors.stream().map(m -> safe(m.getMessage())).collect(Collectors.joining("; ")));
        }
        if (jwt.notBefore().map(nbf -> nbf.isAfter(now.plus(CLOCK_SKEW))).orElse(false)) {
            throw new InvalidTokenException("the token is not valid yet");
        }
        if (!string(jwt, "tid").orElse("").equalsIgnoreCase(app.tenantId())) {
            throw new InvalidTokenException("the token belongs to another directory than the tenant's");
        }
        if (!"2.0".equals(string(jwt, "ver").orElse(""))) {
            throw new InvalidTokenException("the token is not an Entra v2 access token");
        }
        Set<String> scopes = string(jwt, "scp").map(s -> Arrays.stream(s.split(" "))
                .filter(x -> !x.isBlank()).collect(Collectors.toSet())).orElse(Set.of());
        Set<String> roles = strings(jwt, "roles");
        if (scopes.isEmpty() && roles.isEmpty()) {
            throw new InvalidTokenException("the token carries no scp or roles: not an access token");
        }
        String oid = string(jwt, "oid").filter(s -> !s.isBlank())
                .orElseThrow(() -> new InvalidTokenException("the token carries no oid"));
        return new EntraClaims(app.tenantId().toLowerCase(Locale.ROOT), oid, string(jwt, "name").orElse(""),
                string(jwt, "preferred_username").orElse(""), scopes, roles,
                string(jwt, "azp").or(() -> string(jwt, "appid")).orElse(""),
                jwt.expirationTime().orElseThrow());
    }

    private static Optional<String> string(Jwt jwt, String claim) {
        return jwt.payloadClaim(claim)
                .filter(v -> v.getValueType() == JsonValue.ValueType.STRING)
                .map(v -> ((JsonString) v).getString());
    }

    private static Set<String> strings(Jwt jwt, String claim) {
        return jwt.payloadClaim(claim)
                .filter(v -> v.getValueType() == JsonValue.ValueType.ARRAY)
                .map(v -> ((JsonArray) v).stream()
                        .filter(x -> x.getValueType() == JsonValue.ValueType.STRING)
                        .map(x -> ((JsonString) x).getString())
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    private static String safe(String text) {
        String cleaned = text == null ? "" : text.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned;
    }
}
