/**
 * The stand-in Entra for tests and {@code bin/mcp-platform dev}: mock-oauth2-server on Netty, shaped as Entra v2
 * (paths, claims, error codes), one issuer per demo directory, with demo users. Must never ship in a production image.
 */
package io.mcpplatform.devstack.entra;
