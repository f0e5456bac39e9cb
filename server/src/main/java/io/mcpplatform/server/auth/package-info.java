/**
 * Who is calling: bearer-token authentication at the MCP endpoint, the 401/403 challenges, and the {@code UserContext}
 * handed to tools. Never logs or stores a token.
 */
package io.mcpplatform.server.auth;
