package io.mcpplatform.server.provisioning;

/**
 * The seam to the platform's tenant registry: creates or replaces one tenant. The command line reaches the admin API
 * over HTTP ({@code registration.AdminApiTenantRegistration}); inside the platform the admin API's own action can
 * implement it over its repository.
 */
@FunctionalInterface
public interface TenantRegistration {

    /**
     * Creates or updates the tenant.
     *
     * @return {@link Change#CREATED} or {@link Change#UPDATED}
     * @throws ProvisioningException when the platform refused or could not be reached
     */
    Change register(TenantSpec tenant);
}
