package io.mcpplatform.server.obo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.OnBehalfOfParameters;
import com.microsoft.aad.msal4j.RefreshTokenParameters;
import com.microsoft.aad.msal4j.UserAssertion;
import io.mcpplatform.server.auth.UserContext;
import io.mcpplatform.server.entra.EntraConnection;
import io.mcpplatform.server.entra.EntraTokens;
import io.mcpplatform.server.entra.UpstreamTokenStore;
import io.mcpplatform.server.entra.signin.CredentialResolver;
import io.mcpplatform.server.entra.signin.MsalApps;
import io.mcpplatform.server.entra.signin.MsalHttpClient;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.Tenant;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * {@link OboBroker} with msal4j. The assertion is the Entra token the client presented ({@code ENTRA} users) or the
 * user's latest stored Entra access token ({@code PLATFORM} users), refreshed with the stored refresh token when it
 * expires within {@link #REFRESH_AHEAD} and saved back. Each call runs on a short-lived msal4j app of the tenant whose
 * token cache is the user's own ({@link UserCacheAspect} over {@link OboCacheStore}), so a cached token is served
 * without a request to Entra, also after a restart, and never to another user.
 */
public final class MsalOboBroker implements OboBroker {
    /** Most recent tokens remembered in memory per instance. */
    static final int RECENT_CAPACITY = 10_000;
    private final java.util.Map<RecentKey, Recent> recent = new java.util.concurrent.ConcurrentHashMap<>();
    /** A stored assertion expiring sooner than this is refreshed first. */
    public static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntraConnection connection;
    private final UpstreamTokenStore upstream;
    private final OboCacheStore caches;
    private final Clock clock;
    private final MsalApps apps;

    /** Credentials from the process environment. */
    public MsalOboBroker(EntraConnection connection, UpstreamTokenStore upstream, OboCacheStore caches, Clock clock) {
        this(connection, upstream, caches, clock, new CredentialResolver());
    }

    public MsalOboBroker(EntraConnection connection, UpstreamTokenStore upstream, OboCacheStore caches, Clock clock,
                         CredentialResolver credentials) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.caches = Objects.requireNonNull(caches, "caches");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.apps = new MsalApps(connection.endpoints(),
                connection.msalHttpClient().orElseGet(() -> new MsalHttpClient(connection.timeout())),
                Objects.requireNonNull(credentials, "credentials"));
    }

    @Override
    public String accessToken(Tenant tenant, UserContext user, Set<String> scopes) {
        return accessToken(tenant, user, scopes, false);
    }

    @Override
    public String accessToken(Tenant tenant, UserContext user, Set<String> scopes, boolean bypassCache) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(user, "user");
        if (scopes == null || scopes.isEmpty() || scopes.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new IllegalArgumentException("scopes are required");
        }
        if (!tenant.id().equals(user.tenantId())) {
            throw new IllegalArgumentException("the user does not belong to this tenant");
        }
        EntraApp app = tenant.entra();
        if (app == null) {
            throw new OboException.Unavailable("tenant " + tenant.slug() + " has no Entra app", null);
        }
        RecentKey key = new RecentKey(tenant.id(), user.oid(), Set.copyOf(scopes));
        if (!bypassCache) {
            Recent hit = recent.get(key);
            if (hit != null && hit.expiresAt().isAfter(clock.instant().plus(REFRESH_AHEAD))) {
                return hit.token();
            }
        }
        String consentUrl = adminConsentUrl(app);
        String assertion = user.kind() == UserContext.TokenKind.ENTRA
                ? user.entraToken()
                : storedAssertion(tenant, app, user, consentUrl);
        if (assertion.isBlank()) {
            throw new OboException.InteractionRequired("", null);
        }
        ConfidentialClientApplication client = apps.withCache(app,
                new UserCacheAspect(caches, tenant.id(), user.oid(), clock));
        OnBehalfOfParameters parameters = OnBehalfOfParameters.builder(Set.copyOf(scopes), new UserAssertion(assertion))
                .skipCache(bypassCache)
                .build();
        IAuthenticationResult result = await(client.acquireToken(parameters), consentUrl);
        remember(key, new Recent(result.accessToken(), result.expiresOnDate().toInstant()));
        return result.accessToken();
    }

    /**
     * The last token per (tenant, user, scopes) in this instance's memory, in front of the persisted msal4j cache:
     * a repeated call costs a map look-up instead of a database read and a cache decryption. The key carries the
     * user's own object id, so it can never answer for another user.
     */
    private void remember(RecentKey key, Recent token) {
        if (recent.size() >= RECENT_CAPACITY) {
            java.time.Instant now = clock.instant();
            recent.values().removeIf(r -> !r.expiresAt().isAfter(now));
            if (recent.size() >= RECENT_CAPACITY) {
                recent.clear();
            }
        }
        recent.put(key, token);
    }

    @Override
    public void forget(java.util.UUID tenantId, String oid) {
        recent.keySet().removeIf(k -> k.tenantId().equals(tenantId) && k.oid().equals(oid));
    }

    @Override
    public void forgetTenant(java.util.UUID tenantId) {
        recent.keySet().removeIf(k -> k.tenantId().equals(tenantId));
    }

    private record RecentKey(java.util.UUID tenantId, String oid, Set<String> scopes) {
    }

    private record Recent(String token, java.time.Instant expiresAt) {
    }

    /** The user's stored Entra access token, refreshed first when it expires within {@link #REFRESH_AHEAD}. */
    private String storedAssertion(Tenant tenant, EntraApp app, UserContext user, String consentUrl) {
        UpstreamTokenStore.Stored stored = upstream.findLatest(tenant.id(), user.oid())
                .orElseThrow(() -> new OboException.InteractionRequired("", null));
        EntraTokens tokens = stored.tokens();
        if (tokens.expiresAt().isAfter(clock.instant().plus(REFRESH_AHEAD))) {
            return tokens.accessToken();
        }
        if (tokens.refreshToken().isBlank()) {
            throw new OboException.InteractionRequired("", null);
        }
        ConfidentialClientApplication client = apps.withCache(app, null);
        RefreshTokenParameters parameters = RefreshTokenParameters
                .builder(Set.of(connection.apiScopeFor(app.clientId())), tokens.refreshToken())
                .build();
        IAuthenticationResult result = await(client.acquireToken(parameters), consentUrl);
        String refreshToken = refreshTokenIn(client);
        Set<String> scopes = result.scopes() == null ? tokens.scopes()
                : Arrays.stream(result.scopes().split(" ")).filter(s -> !s.isBlank()).collect(Collectors.toSet());
        EntraTokens refreshed = new EntraTokens(result.accessToken(),
                refreshToken.isBlank() ? tokens.refreshToken() : refreshToken, result.expiresOnDate().toInstant(),
                scopes, tokens.tid(), tokens.oid(), tokens.name(), tokens.username());
        upstream.update(tenant.id(), stored.id(), refreshed);
        return refreshed.accessToken();
    }

    /** The refresh token in a short-lived app's cache (it holds one account only). */
    private static String refreshTokenIn(ConfidentialClientApplication client) {
        try {
            for (JsonNode entry : JSON.readTree(client.tokenCache().serialize()).path("RefreshToken")) {
                String secret = entry.path("secret").asText("");
                if (!secret.isBlank()) {
                    return secret;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
        return "";
    }

    private IAuthenticationResult await(CompletableFuture<IAuthenticationResult> future, String consentUrl) {
        // one token request per call; twice the bound covers connect plus read
        long limit = connection.timeout().toMillis() * 2 + 1000;
        try {
            return future.get(limit, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw OboErrors.map(e.getCause() == null ? e : e.getCause(), consentUrl);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw OboErrors.unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OboErrors.unavailable();
        } catch (RuntimeException e) {
            throw OboErrors.map(e, consentUrl);
        }
    }

    /** {@code {authority}/{tid}/adminconsent?client_id={clientId}}. */
    private String adminConsentUrl(EntraApp app) {
        String authorize = connection.endpoints().authorizationEndpoint(app).toString();
        String base = authorize.endsWith("/oauth2/v2.0/authorize")
                ? authorize.substring(0, authorize.length() - "/oauth2/v2.0/authorize".length())
                : authorize;
        return base + "/adminconsent?client_id=" + URLEncoder.encode(app.clientId(), StandardCharsets.UTF_8);
    }
}
