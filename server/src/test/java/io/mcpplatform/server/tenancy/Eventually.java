package io.mcpplatform.server.tenancy;

import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread makes true (bounded; a wait, never a measurement). */
final class Eventually {
    private static final long LIMIT_NANOS = 15_000_000_000L;

    private Eventually() {
    }

    /** Whether the condition held within the limit (checked every 10 ms). */
    static boolean holds(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + LIMIT_NANOS;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
