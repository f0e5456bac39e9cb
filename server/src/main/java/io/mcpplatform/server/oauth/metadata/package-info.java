/**
 * Discovery documents of each tenant: RFC 9728 protected-resource metadata and RFC 8414 authorization-server metadata
 * (at every well-known variant MCP clients probe), readable cross-origin. Built from the configured base URL only,
 * never from request headers.
 */
package io.mcpplatform.server.oauth.metadata;
