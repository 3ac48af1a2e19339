package io.photobooth.events;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Holds an open event stream until new events may be stored: a signal of its request in this
 * proxy, or at the latest {@code recheck}, after which the route reads again (an event stored by
 * another proxy that no Redis event announces here, such as {@code queued}, arrives that way).
 * Sends a keep-alive comment when nothing was written for {@code heartbeat}, and closes the stream
 * once its time is up. Blocks the caller's thread, a virtual thread in the kiosk API.
 */
public class EventStreamWait implements Processor {

    private final Duration heartbeat;
    private final Duration recheck;

    public EventStreamWait(Duration heartbeat, Duration recheck) {
        this.heartbeat = heartbeat;
        this.recheck = recheck;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        EventStream stream = EventStream.of(exchange);
        if (!stream.open()) {
            return;
        }
        Duration untilHeartbeat = heartbeat.minus(stream.idle());
        stream.awaitSignal(min(recheck, min(untilHeartbeat, stream.remaining())));
        if (!stream.remaining().isPositive()) {
            stream.close();
        } else if (stream.idle().compareTo(heartbeat) >= 0) {
            stream.keepAlive();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
