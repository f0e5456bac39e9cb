/**
 * The audit trail: what users did through the platform (tool calls, token events), written to {@code audit_log}
 * off the request path. Never records a token, code, secret or tool arguments.
 */
package io.mcpplatform.server.audit;
