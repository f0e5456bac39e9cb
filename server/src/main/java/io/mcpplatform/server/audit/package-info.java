/**
 * The audit trail: what users and admins did through the platform (sign-ins, consents, codes and tokens, tool calls,
 * admin changes), from a fixed vocabulary ({@code AuditActions}), written to {@code audit_log} off the request path.
 * Never records a token, code, secret or tool arguments: {@code AuditDetail} guards every entry. Never writes a
 * tenant's entry outside that tenant's row-level-security scope ({@code AuditBatchSql}); platform entries (no tenant)
 * only through the {@code audit_platform_entry} function.
 */
package io.mcpplatform.server.audit;
