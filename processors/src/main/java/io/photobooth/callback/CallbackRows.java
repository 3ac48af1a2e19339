package io.photobooth.callback;

/** Reading the columns of the callback statements' rows, as camel-jdbc hands them over. */
final class CallbackRows {

    private CallbackRows() {
    }

    static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    /** The event type of a callback: {@code request.} and the stored event's type ({@code done}, ...). */
    static String type(Object eventType) {
        return CallbackEvent.TYPE_PREFIX + eventType;
    }
}
