package io.mcpplatform.devstack.db;

import java.util.Objects;

/**
 * A login for the embedded database.
 *
 * @param user     role name
 * @param password its password (masked in {@link #toString()})
 */
public record Credentials(String user, String password) {

    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=****]";
    }
}
