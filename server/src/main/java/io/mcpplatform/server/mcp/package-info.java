/**
 * The MCP Streamable HTTP transport for the MCP Java SDK on Helidon SE, and the registry of one SDK server per tenant.
 * Must not contain tool logic or know any tool pack's details; HTTP-level errors are mapped only in {@link io.mcpplatform.server.mcp.McpHttpErrors}.
 */
package io.mcpplatform.server.mcp;
