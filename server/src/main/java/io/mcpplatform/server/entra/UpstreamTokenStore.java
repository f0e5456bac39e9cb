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

    /** Replaces the tokens of a sign-in after a refresh. */
    void update(UUID tenantId, UUID id, EntraTokens tokens);

    /** Deletes every stored token of a user (sign-out, revocation, erasure); returns how many. */
    int deleteUser(UUID tenantId, String oid);
}
