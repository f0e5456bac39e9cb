/**
 * The tool-pack seam: what a pack contributes to one tenant's MCP server, and the catalogue of known packs by name.
 * Must not depend on HTTP or on the transport; handlers learn the tenant only from the SDK's transport context.
 */
package io.mcpplatform.server.tools;
