package io.mcpplatform.server.audit;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers of audit rows: time-ordered UUIDs (version 7, RFC 9562) — 48 bits of Unix milliseconds, then 74 random
 * bits. An audit id must be unique, not secret, so the random bits come from {@link ThreadLocalRandom}: the
 * {@link UUID#randomUUID()} used before drew on the shared {@code SecureRandom} on every {@code tools/call} (a lock
 * and a read of the system's entropy device, measured with JFR in issue 9). Time order also keeps inserts at the
 * right end of the primary-key index.
 */
final class AuditIds {
    private AuditIds() {
    }

    /** A version-7 UUID for the given instant. */
    static UUID next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (random.nextInt() & 0x0FFFL);
        long least = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }
}
