package io.photobooth.events;

/**
 * The Server-Sent Events wire format (text/event-stream, UTF-8): an event is its {@code id:},
 * {@code event:} and {@code data:} lines and a blank line; a line that starts with a colon is a
 * comment, which clients ignore and which keeps idle connections open.
 */
public final class SseFrames {

    public static final String CONTENT_TYPE = "text/event-stream";
    public static final String KEEP_ALIVE = ": keep-alive\n\n";

    private SseFrames() {
    }

    /** One event. Each line of {@code data} becomes a {@code data:} line, so a client joins them again. */
    public static String event(long id, String event, String data) {
        StringBuilder frame = new StringBuilder()
                .append("id: ").append(id).append('\n')
                .append("event: ").append(event).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
    }
}
