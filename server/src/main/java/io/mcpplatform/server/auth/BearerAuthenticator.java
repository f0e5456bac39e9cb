package io.mcpplatform.server.auth;

import io.helidon.http.HeaderNames;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.webserver.http.ServerRequest;
import io.mcpplatform.server.entra.EntraClaims;
import io.mcpplatform.server.entra.EntraTokenValidator;
import io.mcpplatform.server.entra.InvalidTokenException;
import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.oauth.token.AccessTokenClaims;
import io.mcpplatform.server.oauth.token.PlatformTokenVerifier;
import io.mcpplatform.tenants.Tenant;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Bearer-token authentication at {@code /t/{tenant}/mcp} (RFC 6750, header only). For a tenant with sign-in a token is
 * required: a platform access token of THIS tenant ({@code iss} = the tenant's issuer, checked by
 * {@link PlatformTokenVerifier}), or an Entra access token for the tenant's own app (any other issuer, checked by the
 * {@link EntraTokenValidator}). The challenges are exact:
 * <ul>
 *     <li>no token: 401 {@code Bearer resource_metadata="<PRM>", scope="mcp:tools"}</li>
 *     <li>invalid token: 401 {@code Bearer error="invalid_token", resource_metadata="<PRM>", scope="mcp:tools"}</li>
 *     <li>no {@code mcp:tools}: 403 {@code Bearer error="insufficient_scope", scope="mcp:tools", resource_metadata="<PRM>"}</li>
 * </ul>
 * Tenants without sign-in stay open. Never logs a token.
 */
public final class BearerAuthenticator implements Authenticator {
    /** The scope every MCP request needs. */
    public static final String REQUIRED_SCOPE = "mcp:tools";
    /**
     * Delegated scopes of the tenant's own Entra app that grant {@link #REQUIRED_SCOPE} to an Entra token: the scope
     * the platform's sign-in requests ({@code api://{clientId}/access_as_user}) and a dedicated {@code mcp.tools}
     * scope (Entra scope names cannot carry the colon).
     */
    public static final Set<String> ENTRA_SCOPES_FOR_TOOLS = Set.of("access_as_user", "mcp.tools");
    private static final Logger LOG = Logger.getLogger(BearerAuthenticator.class.getName());
    private static final boolean[] TOKEN_CHARS = tokenChars();

    private final PlatformTokenVerifier platform;
    private final Optional<EntraTokenValidator> entra;
    private final PlatformUrls urls;

    /**
     * @param platform verifies the platform's own tokens
     * @param entra    validates Entra tokens; empty: only platform tokens are accepted
     * @param urls     for the protected-resource metadata URL in challenges
     */
    public BearerAuthenticator(PlatformTokenVerifier platform, Optional<EntraTokenValidator> entra, PlatformUrls urls) {
        this.platform = platform;
        this.entra = entra;
        this.urls = urls;
    }

    @Override
    public Optional<UserContext> authenticate(Tenant tenant, ServerRequest request) {
        if (!tenant.requiresSignIn()) {
            return Optional.empty();
        }
        // the challenge's metadata URL is built only for a failure (it was a measurable share of a good request)
        Supplier<String> prm = () -> urls.protectedResourceMetadata(tenant.slug());
        List<String> headers = request.headers().all(HeaderNames.AUTHORIZATION, List::of);
        if (headers.isEmpty()) {
            throw new AuthenticationException(401,
                    "Bearer resource_metadata=\"" + prm.get() + "\", scope=\"" + REQUIRED_SCOPE + "\"",
                    "a bearer token is required");
        }
        String token = bearer(headers, prm);
        UserContext user;
        try {
            user = validate(tenant, token, prm);
        } catch (InvalidTokenException e) {
            LOG.fine(() -> "token rejected for tenant " + tenant.slug() + ": " + e.getMessage());
            throw invalid(prm, e.getMessage());
        }
        if (!user.scopes().contains(REQUIRED_SCOPE)) {
            throw new AuthenticationException(403, "Bearer error=\"insufficient_scope\", scope=\"" + REQUIRED_SCOPE
                    + "\", resource_metadata=\"" + prm.get() + "\"", "the token lacks scope " + REQUIRED_SCOPE);
        }
        return Optional.of(user);
    }

    private UserContext validate(Tenant tenant, String token, Supplier<String> prm) {
        // a token this instance verified is the very same string, so it passed the syntax check then (JFR: the
        // character scan of a ~1 KB token was the largest single cost of an authenticated request)
        Optional<AccessTokenClaims> remembered = platform.remembered(tenant, token);
        if (remembered.isPresent()) {
            return platformUser(tenant, remembered.get());
        }
        if (!isB64Token(token)) {
            throw invalid(prm, "malformed bearer token");
        }
        SignedJwt jwt = PlatformTokenVerifier.parse(token);
        if (platform.isOurs(tenant, jwt)) {
            return platformUser(tenant, platform.verifyAndRemember(tenant, token, jwt));
        }
        EntraTokenValidator validator = entra.orElseThrow(() -> new InvalidTokenException("issuer not accepted"));
        EntraClaims c = validator.validate(tenant, token);
        Set<String> scopes = new java.util.HashSet<>(c.scopes());
        if (c.scopes().stream().anyMatch(ENTRA_SCOPES_FOR_TOOLS::contains)) {
            scopes.add(REQUIRED_SCOPE);
        }
        return new UserContext(tenant.id(), tenant.slug(), c.tid(), c.oid(), c.name(), c.username(), scopes,
                c.appId() == null ? "" : c.appId(), UserContext.TokenKind.ENTRA, token);
    }

    private static UserContext platformUser(Tenant tenant, AccessTokenClaims c) {
        return new UserContext(tenant.id(), tenant.slug(), c.tid(), c.oid(), c.name(), c.username(), c.scopes(),
                c.clientId(), UserContext.TokenKind.PLATFORM);
    }

    /** RFC 6750 b64token: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    static boolean isB64Token(String token) {
        int i = 0;
        int n = token.length();
        while (i < n && isTokenChar(token.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < n && token.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    private static boolean isTokenChar(char c) {
        return c < TOKEN_CHARS.length && TOKEN_CHARS[c];
    }

    private static boolean[] tokenChars() {
        boolean[] allowed = new boolean[128];
        for (char c = 0; c < allowed.length; c++) {
            allowed[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }
        return allowed;
    }

    private static String bearer(List<String> headers, Supplier<String> prm) {
        if (headers.size() != 1) {
            throw invalid(prm, "more than one Authorization header");
        }
        String value = headers.getFirst().trim();
        if (value.length() < 8 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw invalid(prm, "the Authorization scheme must be Bearer");
        }
        return value.substring(7).trim(); // its syntax is checked unless it is a token this instance verified
    }

    private static AuthenticationException invalid(Supplier<String> prm, String why) {
        return new AuthenticationException(401, "Bearer error=\"invalid_token\", resource_metadata=\"" + prm.get()
                + "\", scope=\"" + REQUIRED_SCOPE + "\"", "invalid token: " + why);
    }
}
