package io.mcpplatform.devstack.entra;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One Entra directory (tenant) the stand-in serves under {@code /{tid}/...}.
 *
 * @param tid   directory id (a GUID, lower case)
 * @param users its users; the first is the default user of non-interactive sign-ins without {@code login_hint}
 */
public record StandInDirectory(String tid, List<DemoUser> users) {
    public StandInDirectory {
        tid = Objects.requireNonNull(tid, "tid").toLowerCase(Locale.ROOT);
        users = List.copyOf(users);
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a directory needs at least one user");
        }
    }

    /** The user whose UPN is {@code loginHint}. */
    public Optional<DemoUser> user(String loginHint) {
        return users.stream().filter(u -> u.username().equalsIgnoreCase(loginHint)).findFirst();
    }

    /** The default user. */
    public DemoUser defaultUser() {
        return users.getFirst();
    }
}
