/**
 * The provisioned tenant in the platform: the tenant document provisioning writes ({@code TenantDocument}: only what
 * provisioning owns is replaced), and the command line's client of the admin API with the operator's API key (read,
 * then {@code PUT /admin/v1/tenants/{slug}} with {@code If-Match}; the tenant and its public URL for {@code doctor}).
 * Must not log the request body (it may carry a client secret) or the key.
 */
package io.mcpplatform.server.provisioning.registration;
