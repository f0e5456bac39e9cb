/**
 * The tenant domain: what a tenant is, the rules for its name, and the repository interface that stores it.
 * Knows nothing of HTTP, MCP or the server module.
 */
package io.mcpplatform.tenants;
