package io.mcpplatform.server;

import java.util.ArrayList;
import java.util.List;

/** Records how long each start-up phase took, for the ready line (and to keep start-up honest). */
public final class StartupPhases {
    private final List<String> phases = new ArrayList<>();
    private long last = System.nanoTime();

    /** Ends the current phase under this name. */
    public synchronized void done(String phase) {
        long now = System.nanoTime();
        phases.add(phase + " " + (now - last) / 1_000_000 + " ms");
        last = now;
    }

    @Override
    public synchronized String toString() {
        return String.join(", ", phases);
    }
}
