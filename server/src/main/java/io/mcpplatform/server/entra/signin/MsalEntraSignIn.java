package io.mcpplatform.server.entra.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import io.mcpplatform.server.entra.EntraConnection;
import io.mcpplatform.server.entra.EntraException;
import io.mcpplatform.server.entra.EntraSignIn;
import io.mcpplatform.server.entra.EntraTokens;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.Tenant;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * {@link EntraSignIn} with msal4j. The authorization URL asks for {@code openid profile offline_access} and the
 * platform's own API scope ({@link EntraConnection#apiScopeFor(String)}), with the platform's PKCE S256, state and
 * nonce and {@code response_mode=query}; it never carries a {@code resource} parameter (Entra v2 rejects it).
 * <p>
 * {@link #redeem} uses one cached msal4j app per tenant. The refresh token msal4j keeps in its cache is taken out and
 * the account removed right after, so the in-memory cache does not grow with every user: the tokens live in the
 * encrypted upstream token store instead.
 */
public final class MsalEntraSignIn implements EntraSignIn {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OIDC_SCOPES = "openid profile offline_access";

    private final EntraConnection connection;
    private final MsalApps apps;

    /** Credentials from the process environment. */
    public MsalEntraSignIn(EntraConnection connection) {
        this(connection, new CredentialResolver());
    }

    /**
     * @param connection  endpoints, HTTP client and timeout
     * @param credentials resolves the tenants' credential references
     */
    public MsalEntraSignIn(EntraConnection connection, CredentialResolver credentials) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.apps = new MsalApps(connection.endpoints(),
                connection.msalHttpClient().orElseGet(() -> new MsalHttpClient(connection.timeout())), credentials);
    }

    @Override
    public URI authorizationUrl(Tenant tenant, URI redirectUri, String state, String codeChallenge, String nonce) {
        EntraApp app = requireApp(tenant);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", app.clientId());
        query.put("response_type", "code");
        query.put("redirect_uri", redirectUri.toString());
        query.put("response_mode", "query");
        query.put("scope", OIDC_SCOPES + " " + connection.apiScopeFor(app.clientId()));
        query.put("state", requireValue(state, "state"));
        query.put("nonce", requireValue(nonce, "nonce"));
        query.put("code_challenge", requireValue(codeChallenge, "codeChallenge"));
        query.put("code_challenge_method", "S256");
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(connection.endpoints().authorizationEndpoint(app) + "?" + encoded);
    }

    @Override
    public EntraTokens redeem(Tenant tenant, String code, String codeVerifier, URI redirectUri, String nonce) {
        EntraApp app = requireApp(tenant);
        ConfidentialClientApplication client = apps.forTenant(tenant.id(), app);
        AuthorizationCodeParameters parameters = AuthorizationCodeParameters
                .builder(requireValue(code, "code"), redirectUri)
                .scopes(Set.of(connection.apiScopeFor(app.clientId())))
                .codeVerifier(requireValue(codeVerifier, "codeVerifier"))
                .build();
        IAuthenticationResult result = await(client.acquireToken(parameters));
        IdTokenClaims id = IdTokenClaims.read(result.idToken(), connection.endpoints().issuer(app), app.clientId(),
                app.tenantId(), nonce);
        String refreshToken = takeRefreshToken(client, result.account());
        Set<String> scopes = result.scopes() == null ? Set.of()
                : Arrays.stream(result.scopes().split(" ")).filter(s -> !s.isBlank()).collect(Collectors.toSet());
        return new EntraTokens(result.accessToken(), refreshToken, result.expiresOnDate().toInstant(), scopes,
                id.tid(), id.oid(), id.name(), id.username());
    }

    private IAuthenticationResult await(CompletableFuture<IAuthenticationResult> future) {
        // msal4j makes one token request here; twice the bound covers connect plus read
        long limit = connection.timeout().toMillis() * 2 + 1000;
        try {
            return future.get(limit, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw MsalErrors.map(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw MsalErrors.unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MsalErrors.unavailable();
        } catch (RuntimeException e) {
            throw MsalErrors.map(e);
        }
    }

    /** The refresh token of this account from msal4j's cache; the account is then forgotten by msal4j. */
    private static String takeRefreshToken(ConfidentialClientApplication client, IAccount account) {
        if (account == null) {
            return "";
        }
        String refreshToken = "";
        try {
            JsonNode tokens = JSON.readTree(client.tokenCache().serialize()).path("RefreshToken");
            for (JsonNode entry : tokens) {
                if (account.homeAccountId().equals(entry.path("home_account_id").asText())) {
                    refreshToken = entry.path("secret").asText("");
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            refreshToken = "";
        } finally {
            client.removeAccount(account).join();
        }
        return refreshToken;
    }

    private static EntraApp requireApp(Tenant tenant) {
        Objects.requireNonNull(tenant, "tenant");
        if (tenant.entra() == null) {
            throw new IllegalArgumentException("tenant " + tenant.slug() + " has no Entra app");
        }
        return tenant.entra();
    }

    private static String requireValue(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
