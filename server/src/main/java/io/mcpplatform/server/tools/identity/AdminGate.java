package io.mcpplatform.server.tools.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Remembers per (tenant, oid) whether a user is a member of the tenant's admin group, for {@link #TTL}; the decision
 * itself comes from Graph ({@code checkMemberGroups} on behalf of the user). Bounded: a full cache is emptied.
 */
final class AdminGate {
    /** How long a decision is reused. */
    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private final Clock clock;
    private final Map<Key, Decision> decisions = new ConcurrentHashMap<>();

    AdminGate(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The cached decision, or {@code decide}'s answer (remembered; a failure is not). */
    boolean isAdmin(UUID tenantId, String groupId, String oid, BooleanSupplier decide) {
        Key key = new Key(tenantId, groupId, oid);
        Instant now = clock.instant();
        Decision cached = decisions.get(key);
        if (cached != null && now.isBefore(cached.expiresAt)) {
            return cached.admin;
        }
        boolean admin = decide.getAsBoolean();
        if (decisions.size() >= MAX_ENTRIES) {
            decisions.clear();
        }
        decisions.put(key, new Decision(admin, now.plus(TTL)));
        return admin;
    }

    private record Key(UUID tenantId, String groupId, String oid) {
    }

    private record Decision(boolean admin, Instant expiresAt) {
    }
}
