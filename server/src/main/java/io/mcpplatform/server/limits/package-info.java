/**
 * Per-tenant request-rate limits at the HTTP edge: one token bucket per tenant, refusals answered with 429 and
 * {@code Retry-After} in the protocol's own error format. Must not keep state for unknown tenants or per user.
 */
package io.mcpplatform.server.limits;
