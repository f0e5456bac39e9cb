/**
 * Registering a provisioned tenant in the platform through the admin API ({@code PUT /admin/v1/tenants/{slug}}) with
 * the operator's API key. Must not log the request body (it may carry a client secret) or the key.
 */
package io.mcpplatform.server.provisioning.registration;
