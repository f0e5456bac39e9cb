package io.mcpplatform.server.entra.signin;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.mcpplatform.server.entra.EntraException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Optional;

/**
 * The claims the platform reads from the ID token of a code redemption. The token came straight from Entra's token
 * endpoint over TLS, so (per OpenID Connect Core 3.1.3.7) its issuer, audience, directory and nonce are checked, not its
 * signature.
 */
record IdTokenClaims(String tid, String oid, String name, String username) {

    static IdTokenClaims read(String idToken, String expectedIssuer, String clientId, String tid, String nonce) {
        if (idToken == null || idToken.isBlank()) {
            throw invalid("Entra returned no ID token");
        }
        Jwt jwt;
        try {
            jwt = SignedJwt.parseToken(idToken).getJwt();
        } catch (RuntimeException e) {
            throw invalid("Entra returned a malformed ID token");
        }
        if (!jwt.issuer().orElse("").equals(expectedIssuer)) {
            throw invalid("the ID token's issuer is not the tenant's Entra issuer");
        }
        if (!jwt.audience().orElse(java.util.List.of()).contains(clientId)) {
            throw invalid("the ID token is not for the tenant's app");
        }
        if (!string(jwt, "tid").orElse("").equalsIgnoreCase(tid)) {
            throw invalid("the user signed in with another directory than the tenant's");
        }
        if (!jwt.nonce().orElse("").equals(nonce)) {
            throw invalid("the ID token's nonce does not match the sign-in");
        }
        String oid = string(jwt, "oid").filter(s -> !s.isBlank())
                .orElseThrow(() -> invalid("the ID token carries no oid"));
        return new IdTokenClaims(tid.toLowerCase(java.util.Locale.ROOT), oid, string(jwt, "name").orElse(""),
                string(jwt, "preferred_username").orElse(""));
    }

    private static Optional<String> string(Jwt jwt, String claim) {
        return jwt.payloadClaim(claim)
                .filter(v -> v.getValueType() == JsonValue.ValueType.STRING)
                .map(v -> ((JsonString) v).getString());
    }

    private static EntraException invalid(String message) {
        return new EntraException("invalid_id_token", "", message, null);
    }
}
