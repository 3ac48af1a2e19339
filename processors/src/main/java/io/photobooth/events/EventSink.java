package io.photobooth.events;

import java.io.IOException;

/**
 * Where an event stream writes: the kiosk's HTTP response, kept open while the stream lasts. The
 * first step of the request-events route keeps it in the exchange property {@link #PROPERTY}.
 */
public interface EventSink {

    String PROPERTY = "photoboothEventSink";

    /** Answers {@code 200} with {@code text/event-stream} and sends the headers at once. */
    void open() throws IOException;

    /** Writes frames and flushes them to the kiosk. An IOException means the kiosk has gone. */
    void send(String frames) throws IOException;
}
