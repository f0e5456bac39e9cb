package io.mcpplatform.devstack.entra;

import java.util.Objects;

/**
 * A user of a stand-in directory.
 *
 * @param oid      fixed object id
 * @param name     display name
 * @param username UPN ({@code preferred_username}), also what {@code login_hint} matches (case-insensitive)
 */
public record DemoUser(String oid, String name, String username) {
    public DemoUser {
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(username, "username");
    }
}
