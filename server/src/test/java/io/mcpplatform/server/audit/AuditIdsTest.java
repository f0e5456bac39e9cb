package io.mcpplatform.server.audit;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditIdsTest {
    private static final long AT = 1_790_000_000_123L;

    @Test
    void idIsVersion7WithTheRfcVariant() {
        UUID id = AuditIds.next(AT);
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
    }

    @Test
    void idCarriesTheMillisecondsInItsFirst48Bits() {
        assertEquals(AT, AuditIds.next(AT).getMostSignificantBits() >>> 16);
    }

    @Test
    void laterMillisecondsSortAfterEarlierOnes() {
        UUID earlier = AuditIds.next(AT);
        UUID later = AuditIds.next(AT + 1);
        assertTrue(earlier.toString().compareTo(later.toString()) < 0, earlier + " should sort before " + later);
    }

    @Test
    void tenThousandIdsInTheSameMillisecondAreDistinct() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(AuditIds.next(AT));
        }
        assertEquals(10_000, ids.size());
    }
}
