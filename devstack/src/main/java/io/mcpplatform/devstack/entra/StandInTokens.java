package io.mcpplatform.devstack.entra;

import com.nimbusds.jwt.SignedJWT;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Mints Entra v2 shaped tokens with mock-oauth2-server's key of each directory (issuer id {@code {tid}/oauth2/v2.0}),
 * so the key set served at {@code /{tid}/discovery/v2.0/keys} verifies them.
 */
final class StandInTokens {
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final Set<String> OIDC = Set.of("openid", "profile", "offline_access", "email");

    private final OAuth2TokenProvider provider;

    StandInTokens(OAuth2TokenProvider provider) {
        this.provider = provider;
    }

    static String issuerId(String tid) {
        return tid + "/oauth2/v2.0";
    }

    static String issuer(String tid) {
        return StandInEndpoints.ENTRA + "/" + tid + "/v2.0";
    }

    /** The resource scopes of a request (everything except the OpenID Connect ones). */
    static List<String> resourceScopes(String scope) {
        return Arrays.stream(scope == null ? new String[0] : scope.split(" "))
                .filter(s -> !s.isBlank() && !OIDC.contains(s)).toList();
    }

    /** The audience Entra v2 gives a token for these scopes: the client id for its own {@code api://} URI. */
    static String audience(String clientId, List<String> resourceScopes) {
        if (resourceScopes.isEmpty()) {
            return clientId;
        }
        String first = resourceScopes.getFirst();
        String resource = first.contains("/") ? first.substring(0, first.lastIndexOf('/')) : clientId;
        return resource.equals("api://" + clientId) || resource.equals(clientId) ? clientId : resource;
    }

    /** {@code scp}: the scope names; {@code .default} stands for the app's {@code access_as_user}. */
    static String scp(List<String> resourceScopes) {
        String scp = resourceScopes.stream()
                .map(s -> s.contains("/") ? s.substring(s.lastIndexOf('/') + 1) : s)
                .map(s -> s.equals(".default") ? "access_as_user" : s)
                .distinct().collect(Collectors.joining(" "));
        return scp.isEmpty() ? "access_as_user" : scp;
    }

    String accessToken(String tid, DemoUser user, String clientId, List<String> resourceScopes) {
        Map<String, Object> claims = base(tid, user, clientId);
        claims.put("aud", audience(clientId, resourceScopes));
        claims.put("azp", clientId);
        claims.put("azpacr", "1");
        claims.put("scp", scp(resourceScopes));
        return sign(tid, claims, LIFETIME);
    }

    String idToken(String tid, DemoUser user, String clientId, String nonce) {
        Map<String, Object> claims = base(tid, user, clientId);
        claims.put("aud", clientId);
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        return sign(tid, claims, LIFETIME);
    }

    /** Signs arbitrary claims with the directory's key (tests build edge cases with it). */
    String sign(String tid, Map<String, Object> claims, Duration lifetime) {
        SignedJWT jwt = provider.jwt(claims, lifetime, issuerId(tid));
        return jwt.serialize();
    }

    /** The claims of a token this directory signed (signature checked, not the times), or null. */
    Map<String, Object> verify(String tid, String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            var keys = provider.publicJwkSet(issuerId(tid)).getKeys();
            for (var key : keys) {
                if (jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAKey()))) {
                    return jwt.getJWTClaimsSet().getClaims();
                }
            }
            return null;
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException | RuntimeException e) {
            return null;
        }
    }

    String jwks(String tid) {
        return provider.publicJwkSet(issuerId(tid)).toString();
    }

    static String clientInfo(String tid, DemoUser user) {
        String json = "{\"uid\":\"" + user.oid() + "\",\"utid\":\"" + tid + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> base(String tid, DemoUser user, String clientId) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer(tid));
        claims.put("tid", tid);
        claims.put("oid", user.oid());
        claims.put("sub", UUID.nameUUIDFromBytes((user.oid() + "|" + clientId).getBytes(StandardCharsets.UTF_8))
                .toString());
        claims.put("name", user.name());
        claims.put("preferred_username", user.username());
        claims.put("ver", "2.0");
        claims.put("uti", UUID.randomUUID().toString());
        return new HashMap<>(claims);
    }
}
