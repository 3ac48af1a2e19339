package io.photobooth.conversion;

import java.sql.Timestamp;
import java.time.Clock;

import io.photobooth.kiosk.KioskHeaders;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Starts a request's deadline when its shots are claimed for the queue: {@link KioskHeaders#DEADLINE_AT} is now
 * plus the request's {@link KioskHeaders#DEADLINE_SECONDS}, fixed at its pre-request. The claim stores it and
 * {@link JobBatch} puts it in every job, so that a generator does not convert a shot it receives
 * after it.
 */
public class RequestDeadline implements Processor {

    private final Clock clock;

    public RequestDeadline(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        long seconds = in.getHeader(KioskHeaders.DEADLINE_SECONDS, Long.class);
        in.setHeader(KioskHeaders.DEADLINE_AT, Timestamp.from(clock.instant().plusSeconds(seconds)));
    }
}
