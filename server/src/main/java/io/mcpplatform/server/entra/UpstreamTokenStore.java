package io.mcpplatform.server.entra;

import java.util.Optional;
import java.util.UUID;

/**
 * The users' Entra tokens, stored encrypted (AES-GCM, the row's tenant and user as associated data) for later
 * on-behalf-of calls. Plaintext tokens exist only in memory.
 */
public interface UpstreamTokenStore {

    /** Stores the tokens of one sign-in for (tenant, oid); returns their id. */
    UUID save(UUID tenantId, EntraTokens tokens);

    /** The tokens by id, only if they belong to this tenant and user. */
    Optional<EntraTokens> find(UUID tenantId, String oid, UUID id);

    /** The most recently updated stored sign-in of (tenant, oid), with its id (for {@link #update} after a refresh). */
    Optional<Stored> findLatest(UUID tenantId, String oid);

    /** Replaces the tokens of a sign-in after a refresh. */
    void update(UUID tenantId, UUID id, EntraTokens tokens);

    /** Deletes every stored token of a user (sign-out, revocation, erasure); returns how many. */
    int deleteUser(UUID tenantId, String oid);

    /**
     * One stored sign-in.
     *
     * @param id     its id
     * @param tokens its tokens (plaintext, in memory only)
     */
    record Stored(UUID id, EntraTokens tokens) {
    }
}
