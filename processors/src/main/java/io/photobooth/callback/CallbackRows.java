package io.photobooth.callback;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

import io.photobooth.contract.RefundReason;

/** Reading the columns of the callback statements' rows, as camel-jdbc hands them over. */
final class CallbackRows {

    private CallbackRows() {
    }

    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Timestamp timestamp -> timestamp.toInstant();
            case OffsetDateTime time -> time.toInstant();
            case Instant instant -> instant;
            default -> throw new IllegalArgumentException("not a timestamp: " + value.getClass());
        };
    }

    static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    static RefundReason reason(Object value) {
        return value == null ? null : RefundReason.valueOf((String) value);
    }

    /** The event type of a callback: {@code request.} and the stored event's type ({@code done}, ...). */
    static String type(Object eventType) {
        return CallbackEvent.TYPE_PREFIX + eventType;
    }
}
