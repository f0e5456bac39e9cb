package io.mcpplatform.devstack;

import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the attack matrix: every case tried, every case the platform accepted, per category. A case is one
 * {@link DynamicTest} whose body returns a {@link Verdict}; an accepted attack fails its test and is counted.
 */
final class AttackTally {
    /** An attack's outcome: whether the platform let it through, and the checks that its refusal was precise. */
    record Verdict(boolean accepted, String what, Runnable preciseRefusal) {
        static Verdict of(boolean accepted, String what, Runnable preciseRefusal) {
            return new Verdict(accepted, what, preciseRefusal);
        }
    }

    /** One attack: performs the request(s) and judges the answer. */
    @FunctionalInterface
    interface Attack {
        Verdict run() throws Exception;
    }

    /** Thrown when an attack changed stored state: counted as accepted (it had an effect). */
    static final class StateChanged extends AssertionError {
        StateChanged(String message) {
            super(message);
        }
    }

    private final String title;
    private final String outcome;
    private final Map<String, AtomicInteger> tried = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();

    /** The attack matrix's tally: {@code ATTACK MATRIX: tried=N accepted=M (…)}. */
    AttackTally() {
        this("ATTACK MATRIX", "accepted");
    }

    /**
     * @param title   the line's label, e.g. {@code ISOLATION MATRIX}
     * @param outcome what an accepted case is called in the line, e.g. {@code cross_tenant_results}
     */
    AttackTally(String title, String outcome) {
        this.title = title;
        this.outcome = outcome;
    }

    /** A test for one case, counted under {@code category}. */
    DynamicTest test(String category, String name, Attack attack) {
        return DynamicTest.dynamicTest(category + ": " + name, () -> {
            tried.computeIfAbsent(category, k -> new AtomicInteger()).incrementAndGet();
            Verdict v;
            try {
                v = attack.run();
            } catch (StateChanged e) {
                v = Verdict.of(true, e.getMessage(), () -> { });
            }
            if (v.accepted()) {
                accepted.computeIfAbsent(category, k -> new AtomicInteger()).incrementAndGet();
                throw new AssertionFailedError(outcome.toUpperCase() + ": " + category + ": " + name + " — " + v.what());
            }
            v.preciseRefusal().run();
        });
    }

    int tried() {
        return tried.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int accepted() {
        return accepted.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The one-line summary {@code docs/security.md} quotes. */
    String line() {
        StringBuilder out = new StringBuilder(title + ": tried=" + tried() + " " + outcome + "=" + accepted()
                + " (");
        Map<String, AtomicInteger> sorted = new TreeMap<>(tried);
        sorted.forEach((k, v) -> out.append(k).append('=').append(v.get())
                .append(accepted.containsKey(k) ? "/" + accepted.get(k).get() + " " + outcome : "").append(", "));
        if (!sorted.isEmpty()) {
            out.setLength(out.length() - 2);
        }
        return out.append(')').toString();
    }
}
