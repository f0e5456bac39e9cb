/** Signing-key rotation of a tenant. Must not expose private keys. */
package io.mcpplatform.server.admin.keys;
