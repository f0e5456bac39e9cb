package io.mcpplatform.server.admin.auth;

import io.helidon.security.jwt.SignedJwt;
import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.server.entra.EntraClaims;
import io.mcpplatform.server.entra.EntraTokenValidator;
import io.mcpplatform.server.entra.InvalidTokenException;
import io.mcpplatform.server.oauth.token.PlatformTokenVerifier;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantRepository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Establishes who calls the admin API from the {@code Authorization} header; fails closed:
 * <ul>
 *     <li>{@code ApiKey <key>}: the bootstrap key, compared by SHA-256 in constant time → operator;</li>
 *     <li>{@code Bearer <Entra token>} for the platform's own app ({@code aud}) → operator if it carries the app role
 *     {@value AdminApiSettings#OPERATOR_ROLE}, else 403;</li>
 *     <li>{@code Bearer <Entra token>} for a tenant's app (its {@code aud} and {@code tid}) → administrator of the
 *     tenants using that app if it carries {@value AdminApiSettings#TENANT_ADMIN_ROLE}, else 403;</li>
 *     <li>anything else (no header, another scheme, an invalid or expired token, a token of an app nobody knows) →
 *     401.</li>
 * </ul>
 * Tokens are validated by the {@link EntraTokenValidator} (signature from Entra's key set, issuer, audience, expiry).
 * Neither tokens nor keys are logged.
 */
public final class AdminAuthenticator {
    private static final Logger LOG = Logger.getLogger(AdminAuthenticator.class.getName());

    private final AdminApiSettings settings;
    private final EntraTokenValidator validator;
    private final TenantRepository tenants;

    public AdminAuthenticator(AdminApiSettings settings, EntraTokenValidator validator, TenantRepository tenants) {
        this.settings = settings;
        this.validator = validator;
        this.tenants = tenants;
    }

    /**
     * @param authorization the {@code Authorization} header values
     * @throws ProblemException 401 or 403
     */
    public AdminPrincipal authenticate(List<String> authorization) {
        if (authorization.isEmpty()) {
            throw ProblemException.unauthorized("send Authorization: Bearer <Entra token> or ApiKey <key>");
        }
        if (authorization.size() > 1) {
            throw ProblemException.unauthorized("send one Authorization header");
        }
        String value = authorization.getFirst().trim();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String credential = space < 0 ? "" : value.substring(space + 1).trim();
        if (credential.isEmpty()) {
            throw ProblemException.unauthorized("the Authorization header carries no credential");
        }
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "apikey" -> apiKey(credential);
            case "bearer" -> bearer(credential);
            default -> throw ProblemException.unauthorized("the Authorization scheme must be Bearer or ApiKey");
        };
    }

    private AdminPrincipal apiKey(String key) {
        byte[] expected = settings.bootstrapKeySha256()
                .orElseThrow(() -> ProblemException.unauthorized("no bootstrap key is configured"));
        if (!MessageDigest.isEqual(expected, sha256(key))) {
            throw ProblemException.unauthorized("the API key is not valid");
        }
        return new AdminPrincipal.Operator("operator:bootstrap-key", null);
    }

    private AdminPrincipal bearer(String token) {
        SignedJwt jwt;
        try {
            jwt = PlatformTokenVerifier.parse(token);
        } catch (InvalidTokenException e) {
            throw ProblemException.unauthorized("the bearer token is not a JWT");
        }
        Set<String> audiences = Set.copyOf(jwt.getJwt().audience().orElse(List.of()));
        String tid = jwt.getJwt().payloadClaim("tid").map(Object::toString).map(s -> s.replace("\"", ""))
                .orElse("");
        Optional<EntraApp> operatorApp = settings.operatorApp().filter(app -> isFor(app, audiences, tid));
        if (operatorApp.isPresent()) {
            EntraClaims claims = validate(operatorApp.get(), token);
            if (!claims.roles().contains(AdminApiSettings.OPERATOR_ROLE)) {
                throw ProblemException.forbidden("the token lacks the app role " + AdminApiSettings.OPERATOR_ROLE);
            }
            return new AdminPrincipal.Operator("operator:" + claims.oid(), claims.oid());
        }
        List<Tenant> owners = tenants.findAll().stream()
                .filter(t -> t.entra() != null && isFor(t.entra(), audiences, tid))
                .toList();
        if (owners.isEmpty()) {
            throw ProblemException.unauthorized("the token was not issued for the platform's app or a tenant's app");
        }
        // Tenants sharing the directory and client id may still name different authorities (key sets): the token
        // makes an administrator only of the tenants whose own authority vouches for it, never of every tenant that
        // merely names the same app (a tenant admin could otherwise point their tenant at another tenant's app with
        // an authority they control and sign their own tokens for both).
        Map<String, Optional<EntraClaims>> byAuthority = new HashMap<>();
        List<ProblemException> refusals = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        EntraClaims claims = null;
        for (Tenant owner : owners) {
            Optional<EntraClaims> valid = byAuthority.computeIfAbsent(owner.entra().authority(), a -> {
                try {
                    return Optional.of(validate(owner.entra(), token));
                } catch (ProblemException e) {
                    refusals.add(e);
                    return Optional.empty();
                }
            });
            if (valid.isPresent()) {
                ids.add(owner.id());
                claims = valid.get();
            }
        }
        if (claims == null) {
            throw refusals.getFirst();
        }
        if (!claims.roles().contains(AdminApiSettings.TENANT_ADMIN_ROLE)) {
            throw ProblemException.forbidden("the token lacks the app role " + AdminApiSettings.TENANT_ADMIN_ROLE);
        }
        return new AdminPrincipal.TenantAdmin(ids, claims.oid(), claims.name());
    }

    private EntraClaims validate(EntraApp app, String token) {
        try {
            return validator.validate(app, token);
        } catch (InvalidTokenException e) {
            LOG.fine(() -> "admin token rejected: " + e.getMessage());
            throw ProblemException.unauthorized("the bearer token is not valid: " + e.getMessage());
        }
    }

    private static boolean isFor(EntraApp app, Set<String> audiences, String tid) {
        return app.tenantId().equalsIgnoreCase(tid)
                && (audiences.contains(app.clientId()) || audiences.contains("api://" + app.clientId()));
    }

    /** SHA-256 of a key as UTF-8. */
    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
