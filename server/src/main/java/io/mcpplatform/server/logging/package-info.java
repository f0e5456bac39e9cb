/**
 * Log context and format: a request id (accepted from a safe {@code X-Request-Id} or generated), the tenant and the
 * user oid in the logging context of each request, and the JSON line formatter. Must never put a token, secret or
 * request body into a log record.
 */
package io.mcpplatform.server.logging;
