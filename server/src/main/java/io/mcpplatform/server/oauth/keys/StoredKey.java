package io.mcpplatform.server.oauth.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A row of {@code signing_keys}: the public JWK in clear, the private key only sealed.
 *
 * @param kid                  key id (random, globally unique)
 * @param tenantId             the tenant
 * @param algorithm            JWS algorithm ({@code RS256})
 * @param publicJwk            public JWK as JSON (no private members)
 * @param sealedPrivateKey     PKCS#8 private key sealed with the SecretBox (associated data: tenant id and kid)
 * @param createdAt            creation time
 * @param activatedAt          when it became the signing key
 * @param retiredAt            when a newer key replaced it
 */
record StoredKey(String kid, UUID tenantId, String algorithm, String publicJwk, byte[] sealedPrivateKey,
                 Instant createdAt, Instant activatedAt, Optional<Instant> retiredAt) {

    StoredKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(retiredAt, "retiredAt");
    }

    /** The associated data that binds the sealed private key to this row. */
    static byte[] associatedData(UUID tenantId, String kid) {
        return ("signing-key:" + tenantId + ":" + kid).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
