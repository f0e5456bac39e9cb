/**
 * Platform authorization codes: issued after consent, redeemed once at the token endpoint.
 * Stores codes only as hashes; never returns a grant twice.
 */
package io.mcpplatform.server.oauth.codes;
