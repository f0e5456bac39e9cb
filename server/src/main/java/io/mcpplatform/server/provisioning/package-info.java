/**
 * Onboarding a tenant: {@link io.mcpplatform.server.provisioning.Provisioner} creates or converges the customer's Entra
 * app registration over Microsoft Graph with an admin's token and registers the tenant through the
 * {@link io.mcpplatform.server.provisioning.TenantRegistration} seam; the plan and report records. Sub-packages: the
 * Graph calls ({@code directory}), the idempotent steps ({@code steps}), the live check ({@code doctor}), the admin
 * API client ({@code registration}) and the command line ({@code cli}). Must not keep local state, log tokens or
 * print secrets (a new secret goes once to the operator's {@link io.mcpplatform.server.provisioning.SecretSink}).
 */
package io.mcpplatform.server.provisioning;
