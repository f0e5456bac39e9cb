package io.mcpplatform.server.oauth.authorize;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One validated authorization request while its user signs in at Entra and consents. Single use: the callback claims
 * it once ({@link #callbackAt()}), the consent decision or code issuance consumes it once ({@link #consumedAt()}).
 *
 * @param id               id (carried by the consent form)
 * @param tenantId         the tenant
 * @param clientId         the client
 * @param redirectUri      the exact redirect URI of the request
 * @param codeChallenge    the client's PKCE S256 challenge
 * @param scopes           requested scopes, in request order
 * @param resource         the resource indicator (the tenant's MCP URL)
 * @param state            the client's state, if it sent one
 * @param sealedVerifier   the platform's own PKCE verifier for Entra, sealed with the SecretBox
 * @param nonce            OpenID Connect nonce sent to Entra
 * @param createdAt        creation
 * @param expiresAt        end of validity
 * @param callbackAt       when Entra's callback claimed it
 * @param user             the signed-in user, after the callback
 * @param csrfHash         SHA-256 of the consent form's CSRF token, once the consent page was prepared
 * @param consumedAt       when it was used up
 */
public record PendingAuthorization(UUID id,
                                   UUID tenantId,
                                   String clientId,
                                   String redirectUri,
                                   String codeChallenge,
                                   List<String> scopes,
                                   String resource,
                                   Optional<String> state,
                                   byte[] sealedVerifier,
                                   String nonce,
                                   Instant createdAt,
                                   Instant expiresAt,
                                   Optional<Instant> callbackAt,
                                   Optional<SignedInUser> user,
                                   Optional<String> csrfHash,
                                   Optional<Instant> consumedAt) {

    public PendingAuthorization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sealedVerifier, "sealedVerifier");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(callbackAt, "callbackAt");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(csrfHash, "csrfHash");
        Objects.requireNonNull(consumedAt, "consumedAt");
    }

    /** Where results of this request go: the client's redirect URI with its state. */
    public ClientRedirect redirect(String issuer) {
        return new ClientRedirect(redirectUri, state, issuer);
    }

    /** The associated data that binds the sealed verifier to this row. */
    static byte[] verifierAad(UUID tenantId, UUID id) {
        return ("pending_authorizations.platform_verifier:" + tenantId + ":" + id)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PendingAuthorization[id=" + id + ", tenantId=" + tenantId + ", clientId=" + clientId + "]";
    }
}
