package io.mcpplatform.server.crypto;

/**
 * Authenticated encryption of secrets at rest (upstream tokens, the OBO cache, signing keys). The key comes from
 * configuration or a secret mount, never from the database. The associated data binds a ciphertext to its row (for
 * example tenant id and user oid), so a ciphertext copied to another row does not open.
 */
public interface SecretBox {

    /** Encrypts; the result carries everything needed to open it (version, nonce, tag). */
    byte[] seal(byte[] plaintext, byte[] associatedData);

    /**
     * Decrypts and authenticates.
     *
     * @throws SecretBoxException when the ciphertext or associated data was changed, or another key sealed it
     */
    byte[] open(byte[] sealed, byte[] associatedData);
}
