package io.mcpplatform.server.provisioning;

/**
 * The seam to the platform's tenant registry: creates or updates one tenant. The command line reaches the admin API
 * over HTTP ({@code registration.AdminApiTenantRegistration}); inside the platform the admin API's provision action
 * goes through the admin API's own tenant service ({@code admin.onboarding.PlatformTenantRegistration}).
 */
@FunctionalInterface
public interface TenantRegistration {

    /**
     * Creates or updates the tenant, keeping what provisioning does not own (status, client policy, limits, …).
     *
     * @return {@link Change#CREATED}, {@link Change#UPDATED}, or {@link Change#UNCHANGED} when the platform held
     *         exactly this already (nothing written)
     * @throws ProvisioningException when the platform refused or could not be reached
     */
    Change register(TenantSpec tenant);
}
