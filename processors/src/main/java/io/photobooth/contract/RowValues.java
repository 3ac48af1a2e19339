package io.photobooth.contract;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reading the columns of a row as camel-jdbc hands it over ({@code Map<String, Object>}): a
 * {@code timestamptz} as an {@link Instant}, a reason code as a {@link RefundReason}; SQL
 * {@code null} as {@code null}.
 */
public final class RowValues {

    private RowValues() {
    }

    public static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Timestamp timestamp -> timestamp.toInstant();
            case OffsetDateTime time -> time.toInstant();
            case Instant instant -> instant;
            default -> throw new IllegalArgumentException("not a timestamp: " + value.getClass());
        };
    }

    public static RefundReason reason(Object value) {
        return value == null ? null : RefundReason.valueOf((String) value);
    }
}
