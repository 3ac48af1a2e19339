package io.photobooth.events;

import java.util.Arrays;

/**
 * The kinds of progress event of a request, by their Server-Sent Events name (the {@code event:}
 * field, and the {@code type} column of {@code request_event}).
 */
public enum RequestEventType {
    /** The shots were claimed and their jobs are being sent; once per request. */
    QUEUED("queued"),
    /** A generator started converting one shot; at most once per shot. */
    PROCESSING("processing"),
    /** One shot was recorded DONE, FAILED or EXPIRED; once per shot. */
    SHOT_DONE("shot-done"),
    /** The request finished with every shot DONE; last event. */
    DONE("done"),
    /** The request finished with at least one shot FAILED; last event. */
    FAILED("failed"),
    /**
     * The request ended EXPIRED: its shots not done expired (their deadline passed before a generator
     * took them), or it was never submitted; last event.
     */
    EXPIRED("expired");

    private final String eventName;

    RequestEventType(String eventName) {
        this.eventName = eventName;
    }

    public String eventName() {
        return eventName;
    }

    /** Whether the event is about one shot (it then carries the shot number). */
    public boolean ofShot() {
        return this == PROCESSING || this == SHOT_DONE;
    }

    public static RequestEventType ofEventName(String eventName) {
        return Arrays.stream(values())
                .filter(type -> type.eventName.equals(eventName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no request event named " + eventName));
    }
}
