package io.mcpplatform.server.obo;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pruning of a user's msal4j cache before it is stored. */
class UserCacheAspectTest {
    static final Instant NOW = Instant.parse("2026-03-04T05:00:00Z");

    @Test
    void pruneWhenSomeAccessTokensExpiredThenDroppedAndLatestExpiryKept() {
        String cache = """
                {"AccessToken":{"old":{"secret":"a","expires_on":"%d"},"new":{"secret":"b","expires_on":"%d"}},
                 "RefreshToken":{"rt":{"secret":"r"}}}""".formatted(NOW.minusSeconds(1).getEpochSecond(),
                NOW.plusSeconds(3600).getEpochSecond());

        UserCacheAspect.Pruned pruned = UserCacheAspect.prune(cache, NOW);

        assertFalse(pruned.json().contains("\"old\""), pruned.json());
        assertTrue(pruned.json().contains("\"new\"") && pruned.json().contains("\"rt\""), pruned.json());
        assertEquals(NOW.plusSeconds(3600), pruned.expiresAt());
    }

    @Test
    void pruneWhenAllAccessTokensExpiredThenExpiryNotAfterNow() {
        String cache = "{\"AccessToken\":{\"old\":{\"expires_on\":\"" + NOW.getEpochSecond() + "\"}}}";

        assertFalse(UserCacheAspect.prune(cache, NOW).expiresAt().isAfter(NOW));
        assertFalse(UserCacheAspect.prune("not json", NOW).expiresAt().isAfter(NOW));
    }
}
