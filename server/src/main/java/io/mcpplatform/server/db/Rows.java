package io.mcpplatform.server.db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Column values of native-query rows ({@code Object[]}) as Hibernate Reactive returns them on PostgreSQL:
 * {@code uuid} → {@link UUID}, {@code timestamptz} → {@link OffsetDateTime}. Bind a JSON text parameter as
 * {@code cast(cast(:p as text) as jsonb)}: a bare {@code cast(:p as jsonb)} stores a JSON string.
 */
public final class Rows {
    private Rows() {
    }

    /** A {@code uuid} column (or null). */
    public static UUID uuid(Object value) {
        return value == null ? null : value instanceof UUID u ? u : UUID.fromString(value.toString());
    }

    /** A {@code timestamptz} column (or null). */
    public static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.time.LocalDateTime l -> l.toInstant(java.time.ZoneOffset.UTC);
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalArgumentException("not a timestamp: " + value.getClass().getName());
        };
    }

    /** A text column (or empty for null). */
    public static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
