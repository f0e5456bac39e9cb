package io.mcpplatform.server.oauth.authorize;

import java.util.Objects;
import java.util.UUID;

/**
 * Who signed in at Entra for a pending authorization.
 *
 * @param tid             Entra directory id
 * @param oid             Entra object id
 * @param name            display name (may be empty)
 * @param username        preferred username / UPN (may be empty)
 * @param upstreamTokenId the stored, encrypted Entra tokens of this sign-in
 */
public record SignedInUser(String tid, String oid, String name, String username, UUID upstreamTokenId) {
    public SignedInUser {
        Objects.requireNonNull(tid, "tid");
        Objects.requireNonNull(oid, "oid");
        name = name == null ? "" : name;
        username = username == null ? "" : username;
        Objects.requireNonNull(upstreamTokenId, "upstreamTokenId");
    }
}
