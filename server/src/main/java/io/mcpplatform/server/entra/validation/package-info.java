/**
 * Validation of Entra v2 access tokens presented directly at the MCP endpoint, against cached Entra signing keys.
 * Must not trust any key the token points at itself ({@code jku}, {@code x5u}, {@code jwk}) and must fail closed.
 */
package io.mcpplatform.server.entra.validation;
