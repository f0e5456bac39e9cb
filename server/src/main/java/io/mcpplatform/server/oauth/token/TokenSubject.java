package io.mcpplatform.server.oauth.token;

import java.util.Objects;

/**
 * The signed-in user a token is about.
 *
 * @param tid      Entra directory id
 * @param oid      Entra object id
 * @param name     display name (may be empty)
 * @param username preferred username / UPN (may be empty)
 */
public record TokenSubject(String tid, String oid, String name, String username) {
    public TokenSubject {
        Objects.requireNonNull(tid, "tid");
        Objects.requireNonNull(oid, "oid");
        name = name == null ? "" : name;
        username = username == null ? "" : username;
    }
}
