/**
 * Pack {@code conformance}: the fixtures that the official MCP conformance suite calls (tools, resources, prompts).
 * Test-only: must never be offered unless {@code mcp.fixtures-enabled} is true.
 */
package io.mcpplatform.server.tools.conformance;
