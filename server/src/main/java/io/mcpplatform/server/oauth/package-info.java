/**
 * The per-tenant OAuth 2.1 authorization server that MCP clients see (metadata, clients, authorize, consent, token).
 * Errors are OAuth error JSON mapped in one place; never forwards a client's token upstream.
 */
package io.mcpplatform.server.oauth;
