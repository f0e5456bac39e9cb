package io.mcpplatform.server.entra.validation;

import io.helidon.security.jwt.jwk.Jwk;

import java.net.URI;
import java.util.Optional;

/** Entra's signing keys by key id, per JWKS URI. */
public interface SigningKeys {

    /**
     * The key with this id, fetching or refreshing the key set when needed (bounded).
     *
     * @return empty when the key is unknown even after the allowed refresh
     * @throws io.mcpplatform.server.entra.InvalidTokenException when no key set could ever be fetched (fail closed)
     */
    Optional<Jwk> key(URI jwksUri, String keyId);
}
