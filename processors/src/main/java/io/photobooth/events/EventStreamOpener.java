package io.photobooth.events;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.RequestAnswerer;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Opens the event stream of the request in the {@code requestId} header on the exchange's
 * {@link EventSink}, once the body (the rows of the request for the caller's vendor) shows that it
 * exists; no row gives the same {@code 404 unknown-request} as the status endpoint, before anything
 * is written. The stream resumes after the {@code Last-Event-ID} the kiosk sends (a reconnecting
 * client sends the last id it received); anything that is not such an id starts from the first
 * event. Sets the {@link #LAST_EVENT_ID} header, the SQL parameter of the reads that follow.
 */
public class EventStreamOpener implements Processor {

    /** The request header of a reconnecting SSE client. */
    public static final String RESUME_HEADER = "Last-Event-ID";
    /** The header that carries the id of the last event sent, for the next read. */
    public static final String LAST_EVENT_ID = "lastEventId";

    private static final Pattern EVENT_ID = Pattern.compile("\\d{1,18}");

    private final RequestEventSignals signals;
    private final Duration timeout;

    public EventStreamOpener(RequestEventSignals signals, Duration timeout) {
        this.signals = signals;
        this.timeout = timeout;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        String requestId = in.getHeader(KioskHeaders.REQUEST_ID, String.class);
        List<?> rows = in.getBody(List.class);
        if (rows == null || rows.isEmpty()) {
            throw RequestAnswerer.unknownRequest(requestId);
        }
        long lastEventId = resumeAfter(in.getHeader(RESUME_HEADER, String.class));
        EventSink sink = exchange.getProperty(EventSink.PROPERTY, EventSink.class);
        sink.open();
        exchange.setProperty(EventStream.PROPERTY, new EventStream(requestId, sink, signals, lastEventId, timeout));
        in.setHeader(LAST_EVENT_ID, lastEventId);
    }

    static long resumeAfter(String lastEventId) {
        return lastEventId != null && EVENT_ID.matcher(lastEventId.strip()).matches()
                ? Long.parseLong(lastEventId.strip())
                : 0;
    }
}
