/**
 * Encryption of secrets at rest (AES-GCM) with a key from configuration. Never logs keys or plaintext, and never
 * reads a key from the database.
 */
package io.mcpplatform.server.crypto;
