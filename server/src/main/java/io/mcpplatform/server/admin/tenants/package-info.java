/**
 * {@code /admin/v1/tenants}: tenant documents in and out, validation naming fields, ETags, erasure on delete.
 * Must not return a stored secret.
 */
package io.mcpplatform.server.admin.tenants;
