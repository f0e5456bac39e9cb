package io.mcpplatform.tenants;

/** Whether a tenant's endpoints serve requests. A disabled tenant is indistinguishable from an unknown one outside. */
public enum TenantStatus {
    ACTIVE,
    DISABLED
}
