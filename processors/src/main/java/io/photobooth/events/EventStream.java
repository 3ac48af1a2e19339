package io.photobooth.events;

import java.io.IOException;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kiosk's open event stream, kept in the exchange property {@link #PROPERTY} while the
 * request-events route loops: where it writes, the id of the last event sent, when it must end,
 * and the listener that wakes it when new events may be stored. A write that fails means the kiosk
 * has gone, and closes the stream.
 */
public final class EventStream {

    public static final String PROPERTY = "photoboothEventStream";

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final String requestId;
    private final EventSink sink;
    private final RequestEventSignals signals;
    private final long endsAt;
    private RequestEventSignals.Listener listener;
    private long lastEventId;
    private long lastSentAt;
    private boolean open = true;

    EventStream(String requestId, EventSink sink, RequestEventSignals signals, long lastEventId, Duration timeout) {
        this.requestId = requestId;
        this.sink = sink;
        this.signals = signals;
        this.lastEventId = lastEventId;
        this.listener = signals.listen(requestId);
        this.lastSentAt = System.nanoTime();
        this.endsAt = lastSentAt + timeout.toNanos();
    }

    static EventStream of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, EventStream.class);
    }

    /** The loop condition of the request-events route. */
    public static boolean isOpen(Exchange exchange) {
        return of(exchange).open;
    }

    String requestId() {
        return requestId;
    }

    long lastEventId() {
        return lastEventId;
    }

    boolean open() {
        return open;
    }

    void send(RequestEvent event) throws JsonProcessingException {
        if (write(event.frame())) {
            lastEventId = event.id();
        }
    }

    void keepAlive() {
        write(SseFrames.KEEP_ALIVE);
    }

    /** Time left before the stream must end; zero or negative once it is over. */
    Duration remaining() {
        return Duration.ofNanos(endsAt - System.nanoTime());
    }

    /** Time since the last frame was written. */
    Duration idle() {
        return Duration.ofNanos(System.nanoTime() - lastSentAt);
    }

    /** Waits for the next signal of the request, at most {@code timeout}, then listens again. */
    void awaitSignal(Duration timeout) throws InterruptedException {
        listener.await(timeout);
        listener.close();
        listener = signals.listen(requestId);
    }

    void close() {
        open = false;
        listener.close();
    }

    private boolean write(String frames) {
        if (!open) {
            return false;
        }
        try {
            sink.send(frames);
            lastSentAt = System.nanoTime();
            return true;
        } catch (IOException e) {
            LOG.debug("The kiosk left the event stream of {}: {}", requestId, e.toString());
            close();
            return false;
        }
    }
}
