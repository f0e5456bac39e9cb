package io.mcpplatform.server.oauth.token;

import java.util.Optional;
import java.util.UUID;

/**
 * What a revocation request did, for the audit log.
 *
 * @param revoked  whether something live was revoked
 * @param oid      the user of the token, when it was recognised
 * @param jti      the access token's id, when an access token was recognised
 * @param familyId the refresh-token family, when a refresh token was recognised
 */
record RevocationOutcome(boolean revoked, Optional<String> oid, Optional<String> jti, Optional<UUID> familyId) {
    static final RevocationOutcome NOTHING = new RevocationOutcome(false, Optional.empty(), Optional.empty(),
            Optional.empty());
}
