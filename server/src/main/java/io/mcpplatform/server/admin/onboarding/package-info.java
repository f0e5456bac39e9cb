/**
 * The admin API's onboarding actions: {@code POST /admin/v1/tenants/{slug}/provision} (the provisioning core with a
 * customer admin's Graph token, the tenant registered in-process through the admin API's own tenant service) and
 * {@code POST /admin/v1/tenants/{slug}/doctor} (the live check of a stored tenant). Must not log, audit, store or
 * answer the Graph token or a client secret.
 */
package io.mcpplatform.server.admin.onboarding;
