package io.mcpplatform.server.entra;

import com.microsoft.aad.msal4j.IHttpClient;
import io.helidon.webclient.api.WebClient;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the platform reaches Entra, beyond each tenant's app registration. Production uses {@link #production()}; the
 * devstack and tests pass one that reaches the local stand-in.
 *
 * @param endpoints      URLs per tenant app (browser authorize, msal4j authority, issuer, JWKS)
 * @param msalHttpClient the HTTP client msal4j uses; empty means {@code MsalHttpClient} with {@link #timeout()}
 * @param jwksClient     the HTTP client that fetches signing keys
 * @param timeout        bound on connecting to and reading from Entra (at most 10 s)
 * @param apiScope       the scope the platform asks for its own app, {@code {clientId}} replaced by the tenant app's
 *                       client id. The resulting access token (audience: the tenant's app) is the on-behalf-of
 *                       assertion later. Default {@link #DEFAULT_API_SCOPE}.
 */
public record EntraConnection(EntraEndpoints endpoints,
                              Optional<IHttpClient> msalHttpClient,
                              WebClient jwksClient,
                              Duration timeout,
                              String apiScope) {
    /** The scope requested for the tenant's own API: the conventional delegated scope an OBO middle tier exposes. */
    public static final String DEFAULT_API_SCOPE = "api://{clientId}/access_as_user";
    /** The longest allowed bound on Entra calls. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);
    /** The default bound on Entra calls. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public EntraConnection {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(msalHttpClient, "msalHttpClient");
        Objects.requireNonNull(jwksClient, "jwksClient");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("Entra timeout must be positive and at most " + MAX_TIMEOUT);
        }
        Objects.requireNonNull(apiScope, "apiScope");
        if (apiScope.isBlank() || apiScope.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("apiScope must be one scope without spaces");
        }
    }

    /** The real clouds, msal4j on the bounded JDK client, JWKS over a bounded WebClient. */
    public static EntraConnection production() {
        return new EntraConnection(EntraEndpoints.cloud(), Optional.empty(), jwksClient(DEFAULT_TIMEOUT),
                DEFAULT_TIMEOUT, DEFAULT_API_SCOPE);
    }

    /** A WebClient for signing keys with connect and read bounded by {@code timeout}. */
    public static WebClient jwksClient(Duration timeout) {
        return WebClient.builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .followRedirects(false)
                .build();
    }

    /** The API scope for one app. */
    public String apiScopeFor(String clientId) {
        return apiScope.replace("{clientId}", clientId);
    }

    /** A copy with another timeout (tests). */
    public EntraConnection withTimeout(Duration newTimeout) {
        return new EntraConnection(endpoints, msalHttpClient, jwksClient(newTimeout), newTimeout, apiScope);
    }
}
