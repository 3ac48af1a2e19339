package io.photobooth.completion;

import java.time.Duration;

import io.photobooth.kiosk.KioskHeaders;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Holds the main request until its request finishes or the conversion timeout passes; either way
 * the route then answers from the database.
 */
public class CompletionWait implements Processor {

    private final ConversionWaiters waiters;
    private final Duration timeout;

    public CompletionWait(ConversionWaiters waiters, Duration timeout) {
        this.waiters = waiters;
        this.timeout = timeout;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        waiters.await(exchange.getMessage().getHeader(KioskHeaders.REQUEST_ID, String.class), timeout);
    }
}
