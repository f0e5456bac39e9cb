package io.mcpplatform.server.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * How long to wait when Graph throttles (429) or is unavailable (503): {@code Retry-After} in seconds or as an HTTP
 * date, {@link #fallback} when absent; at most {@link #maxAttempts} attempts and {@link #maxTotalWait} of waiting in
 * all. A wait beyond what is left of the budget is not started: the call fails at once.
 *
 * @param maxAttempts  attempts per call including the first, at least 1
 * @param maxTotalWait the sum of all waits of one call
 * @param fallback     the wait when Graph sends no (or an unreadable) {@code Retry-After}
 * @param clock        to read HTTP dates against
 * @param sleeper      how to wait (tests record instead of sleeping)
 */
public record RetryPolicy(int maxAttempts, Duration maxTotalWait, Duration fallback, Clock clock, Sleeper sleeper) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(maxTotalWait, "maxTotalWait");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Three attempts, ten seconds of waiting in all, one second when Graph names no time. */
    public static RetryPolicy defaults(Clock clock) {
        return new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(1), clock, Sleeper.THREAD);
    }

    /** The wait a {@code Retry-After} value asks for (never negative), or {@link #fallback}. */
    public Duration waitFor(Optional<String> retryAfter) {
        if (retryAfter.isEmpty() || retryAfter.get().isBlank()) {
            return fallback;
        }
        String value = retryAfter.get().strip();
        try {
            long seconds = Long.parseLong(value);
            return Duration.ofSeconds(Math.max(0, seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return fallback;
            }
        }
    }

    /** Waits; a functional interface so tests need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        /** {@link Thread#sleep(Duration)}. */
        Sleeper THREAD = Thread::sleep;

        void sleep(Duration duration) throws InterruptedException;
    }
}
