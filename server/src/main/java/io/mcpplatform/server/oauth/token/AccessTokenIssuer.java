package io.mcpplatform.server.oauth.token;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.JwkRSA;
import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.oauth.keys.SigningKeys;
import io.mcpplatform.tenants.Tenant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Signs platform access tokens: JWTs per RFC 9068 ({@code typ: at+jwt}, RS256, the tenant's active {@code kid}) with
 * {@code iss} = the tenant's issuer, {@code aud} = the tenant's MCP URL, {@code sub} = {@code oid}, {@code tid},
 * {@code client_id}, {@code scope}, {@code iat}/{@code nbf}/{@code exp}, {@code jti}, {@code name},
 * {@code preferred_username}. Signing is Helidon's ({@link SignedJwt#sign(Jwt, io.helidon.security.jwt.jwk.Jwk)}).
 */
public final class AccessTokenIssuer {
    /** The JOSE {@code typ} of platform access tokens. */
    public static final String TYPE = "at+jwt";

    private final SigningKeys keys;
    private final PlatformUrls urls;
    private final TokenSettings settings;
    private final Clock clock;

    public AccessTokenIssuer(SigningKeys keys, PlatformUrls urls, TokenSettings settings, Clock clock) {
        this.keys = keys;
        this.urls = urls;
        this.settings = settings;
        this.clock = clock;
    }

    /** A fresh token id. */
    public static String newJti() {
        return UUID.randomUUID().toString();
    }

    /** When a token issued now expires. */
    public Instant expiryFromNow() {
        return clock.instant().plus(settings.accessTokenTtl());
    }

    /** Whole seconds from now until {@code expiresAt} (the {@code expires_in} of a token response). */
    public long secondsUntil(Instant expiresAt) {
        return Math.max(0, java.time.Duration.between(clock.instant(), expiresAt).toSeconds());
    }

    /**
     * Signs a token for the user.
     *
     * @param jti       the token id (chosen by the caller so it can be recorded first)
     * @param expiresAt from {@link #expiryFromNow()}
     */
    public String issue(Tenant tenant, TokenSubject subject, String clientId, Set<String> scopes, String jti,
                        Instant expiresAt) {
        JwkRSA key = keys.signingKey(tenant.id());
        Instant now = clock.instant();
        Jwt jwt = Jwt.builder()
                .type(TYPE)
                .algorithm(JwkRSA.ALG_RS256)
                .keyId(key.keyId())
                .issuer(urls.issuer(tenant.slug()))
                .audience(List.of(urls.mcp(tenant.slug())))
                .subject(subject.oid())
                .addPayloadClaim("oid", subject.oid())
                .addPayloadClaim("tid", subject.tid())
                .addPayloadClaim("client_id", clientId)
                .addPayloadClaim("scope", String.join(" ", scopes))
                .issueTime(now)
                .notBefore(now)
                .expirationTime(expiresAt)
                .jwtId(jti)
                .addPayloadClaim("name", subject.name())
                .preferredUsername(subject.username())
                .build();
        return SignedJwt.sign(jwt, key).tokenContent();
    }
}
