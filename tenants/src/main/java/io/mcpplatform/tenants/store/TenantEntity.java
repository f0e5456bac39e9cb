package io.mcpplatform.tenants.store;

import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.GraphSettings;
import io.mcpplatform.tenants.TenantLimits;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Row of {@code tenants} (see V2__create_tenants.sql). Mutable for Hibernate; never leaves this package. */
@Entity(name = "TenantEntity")
@Table(name = "tenants")
class TenantEntity {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    UUID id;

    @Column(name = "slug", nullable = false, updatable = false)
    String slug;

    @Column(name = "display_name", nullable = false)
    String displayName;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    TenantStatus status;

    @Column(name = "entra_tenant_id")
    String entraTenantId;

    @Column(name = "entra_client_id")
    String entraClientId;

    @Column(name = "credential_ref")
    String credentialRef;

    @Column(name = "entra_authority")
    String entraAuthority;

    @Column(name = "dcr_enabled", nullable = false)
    boolean dcrEnabled;

    @Column(name = "metadata_documents_enabled", nullable = false)
    boolean metadataDocumentsEnabled;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "redirect_allow_list", nullable = false, columnDefinition = "text[]")
    String[] redirectAllowList;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "tool_packs", nullable = false, columnDefinition = "text[]")
    String[] toolPacks;

    @Enumerated(EnumType.STRING)
    @Column(name = "mcp_mode", nullable = false)
    Tenant.McpMode mcpMode;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "graph_scopes", nullable = false, columnDefinition = "text[]")
    String[] graphScopes;

    @Column(name = "admin_group_id")
    String adminGroupId;

    @Column(name = "limit_requests_per_second")
    Integer limitRequestsPerSecond;

    @Column(name = "limit_sessions")
    Integer limitSessions;

    @Column(name = "limit_clients")
    Integer limitClients;

    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    long version;

    protected TenantEntity() {
    }

    static TenantEntity create(Tenant tenant, Instant createdAt, Instant updatedAt) {
        TenantEntity e = new TenantEntity();
        e.id = tenant.id();
        e.slug = tenant.slug();
        e.createdAt = createdAt;
        e.apply(tenant, updatedAt);
        return e;
    }

    /** Copies everything but id, slug and creation time. */
    void apply(Tenant tenant, Instant now) {
        displayName = tenant.displayName();
        status = tenant.status();
        EntraApp entra = tenant.entra();
        entraTenantId = entra == null ? null : entra.tenantId();
        entraClientId = entra == null ? null : entra.clientId();
        credentialRef = entra == null ? null : entra.credential();
        entraAuthority = entra == null ? null : entra.authority();
        ClientPolicy policy = tenant.clientPolicy();
        dcrEnabled = policy.dynamicRegistration();
        metadataDocumentsEnabled = policy.metadataDocuments();
        redirectAllowList = policy.redirectAllowList().toArray(String[]::new);
        toolPacks = tenant.toolPacks().toArray(String[]::new);
        mcpMode = tenant.mcpMode();
        graphScopes = tenant.graph().scopes().toArray(String[]::new);
        adminGroupId = tenant.graph().adminGroupId().orElse(null);
        TenantLimits limits = tenant.limits();
        limitRequestsPerSecond = limits.requestsPerSecond().isPresent() ? limits.requestsPerSecond().getAsInt() : null;
        limitSessions = limits.sessions().isPresent() ? limits.sessions().getAsInt() : null;
        limitClients = limits.clients().isPresent() ? limits.clients().getAsInt() : null;
        updatedAt = now;
    }

    Tenant toTenant() {
        EntraApp entra = entraTenantId == null ? null
                : new EntraApp(entraTenantId, entraClientId, credentialRef, entraAuthority);
        ClientPolicy policy = new ClientPolicy(dcrEnabled, metadataDocumentsEnabled,
                redirectAllowList == null ? List.of() : List.of(redirectAllowList));
        return new Tenant(id, slug, displayName, status, entra, policy,
                toolPacks == null ? List.of() : List.of(toolPacks), mcpMode,
                graphScopes == null || graphScopes.length == 0 ? GraphSettings.defaults()
                        : new GraphSettings(List.of(graphScopes), Optional.ofNullable(adminGroupId)),
                new TenantLimits(TenantLimits.of(limitRequestsPerSecond), TenantLimits.of(limitSessions),
                        TenantLimits.of(limitClients)),
                createdAt, updatedAt);
    }
}
