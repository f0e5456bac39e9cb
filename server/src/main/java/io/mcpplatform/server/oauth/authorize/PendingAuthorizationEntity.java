package io.mcpplatform.server.oauth.authorize;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Row of {@code pending_authorizations} (V7). Mutable for Hibernate; never leaves this package. */
@Entity(name = "PendingAuthorizationEntity")
@Table(name = "pending_authorizations")
class PendingAuthorizationEntity {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    UUID tenantId;

    @Column(name = "client_id", nullable = false, updatable = false)
    String clientId;

    @Column(name = "redirect_uri", nullable = false, updatable = false)
    String redirectUri;

    @Column(name = "code_challenge", nullable = false, updatable = false)
    String codeChallenge;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "scopes", nullable = false, updatable = false, columnDefinition = "text[]")
    String[] scopes;

    @Column(name = "resource", nullable = false, updatable = false)
    String resource;

    @Column(name = "state", updatable = false)
    String state;

    @Column(name = "entra_state_hash", nullable = false, updatable = false)
    String entraStateHash;

    @Column(name = "platform_verifier", nullable = false, updatable = false)
    byte[] platformVerifier;

    @Column(name = "nonce", nullable = false, updatable = false)
    String nonce;

    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    Instant expiresAt;

    @Column(name = "callback_at")
    Instant callbackAt;

    @Column(name = "user_tid")
    String userTid;

    @Column(name = "user_oid")
    String userOid;

    @Column(name = "user_name")
    String userName;

    @Column(name = "user_username")
    String userUsername;

    @Column(name = "upstream_token_id")
    UUID upstreamTokenId;

    @Column(name = "csrf_hash")
    String csrfHash;

    @Column(name = "consumed_at")
    Instant consumedAt;

    protected PendingAuthorizationEntity() {
    }

    static PendingAuthorizationEntity of(PendingAuthorization p, String entraStateHash) {
        PendingAuthorizationEntity e = new PendingAuthorizationEntity();
        e.id = p.id();
        e.tenantId = p.tenantId();
        e.clientId = p.clientId();
        e.redirectUri = p.redirectUri();
        e.codeChallenge = p.codeChallenge();
        e.scopes = p.scopes().toArray(String[]::new);
        e.resource = p.resource();
        e.state = p.state().orElse(null);
        e.entraStateHash = entraStateHash;
        e.platformVerifier = p.sealedVerifier().clone();
        e.nonce = p.nonce();
        e.createdAt = p.createdAt();
        e.expiresAt = p.expiresAt();
        return e;
    }

    PendingAuthorization toPending() {
        Optional<SignedInUser> user = userOid == null ? Optional.empty()
                : Optional.of(new SignedInUser(userTid, userOid, userName, userUsername, upstreamTokenId));
        return new PendingAuthorization(id, tenantId, clientId, redirectUri, codeChallenge,
                scopes == null ? List.of() : List.of(scopes), resource, Optional.ofNullable(state),
                platformVerifier.clone(), nonce, createdAt, expiresAt, Optional.ofNullable(callbackAt), user,
                Optional.ofNullable(csrfHash), Optional.ofNullable(consumedAt));
    }
}
