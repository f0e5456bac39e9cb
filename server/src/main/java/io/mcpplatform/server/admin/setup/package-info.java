/** Ready-to-paste MCP client configuration per tenant. Must not contain credentials. */
package io.mcpplatform.server.admin.setup;
