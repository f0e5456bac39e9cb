package io.mcpplatform.server.oauth.clients;

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

/**
 * Row of {@code oauth_clients} (V4). The {@code metadata} jsonb column is not mapped: it is written by a native
 * statement and only read by administrators. Mutable for Hibernate; never leaves this package.
 */
@Entity(name = "OAuthClientEntity")
@Table(name = "oauth_clients")
class OAuthClientEntity {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    UUID tenantId;

    @Column(name = "client_id", nullable = false, updatable = false)
    String clientId;

    @Column(name = "client_name")
    String clientName;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "redirect_uris", nullable = false, columnDefinition = "text[]")
    String[] redirectUris;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "grant_types", nullable = false, columnDefinition = "text[]")
    String[] grantTypes;

    @Column(name = "token_endpoint_auth_method", nullable = false)
    String tokenEndpointAuthMethod;

    @Column(name = "client_secret_hash")
    String clientSecretHash;

    @Column(name = "registration_type", nullable = false)
    String registrationType;

    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    @Column(name = "last_used_at")
    Instant lastUsedAt;

    @Column(name = "revoked_at")
    Instant revokedAt;

    protected OAuthClientEntity() {
    }

    static OAuthClientEntity of(OAuthClient client, List<String> grantTypes, Instant createdAt) {
        OAuthClientEntity e = new OAuthClientEntity();
        e.id = UUID.randomUUID();
        e.tenantId = client.tenantId();
        e.clientId = client.clientId();
        e.clientName = client.name();
        e.redirectUris = client.redirectUris().toArray(String[]::new);
        e.grantTypes = grantTypes.toArray(String[]::new);
        e.tokenEndpointAuthMethod = client.tokenEndpointAuthMethod();
        e.clientSecretHash = client.secretHash().orElse(null);
        e.registrationType = client.type().name();
        e.createdAt = createdAt;
        return e;
    }

    OAuthClient toClient() {
        return new OAuthClient(tenantId, clientId, clientName,
                redirectUris == null ? List.of() : List.of(redirectUris),
                tokenEndpointAuthMethod, Optional.ofNullable(clientSecretHash),
                OAuthClient.RegistrationType.valueOf(registrationType), revokedAt != null);
    }
}
