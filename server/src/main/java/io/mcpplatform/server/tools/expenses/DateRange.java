package io.mcpplatform.server.tools.expenses;

import java.time.LocalDate;
import java.util.Objects;

/** An inclusive range of days within {@link #EARLIEST} and {@link #LATEST}, {@code from <= to}. */
public record DateRange(LocalDate from, LocalDate to) {
    /** The earliest day an expense may carry (also a CHECK constraint). */
    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    /** The latest day any date argument may name (also a CHECK constraint). */
    public static final LocalDate LATEST = LocalDate.of(2099, 12, 31);
    /** Every day an expense can have. */
    public static final DateRange ALL = new DateRange(EARLIEST, LATEST);

    public DateRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to) || from.isBefore(EARLIEST) || to.isAfter(LATEST)) {
            throw new IllegalArgumentException("bad range " + from + ".." + to);
        }
    }
}
