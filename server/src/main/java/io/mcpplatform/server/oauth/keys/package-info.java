/**
 * Per-tenant JWT signing keys (RS256): generated on first use, private keys sealed at rest, rotated without breaking
 * live tokens, published as the tenant's JWKS. Never logs or exports a private key.
 */
package io.mcpplatform.server.oauth.keys;
