package io.photobooth.conversion;

import java.io.IOException;
import java.sql.Timestamp;

import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.Json;
import io.photobooth.kiosk.KioskHeaders;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Parses a completion event received from Redis and sets the headers the proxy routes use. */
public class CompletionReader implements Processor {

    public static final String SHOT_STATUS = "shotStatus";
    public static final String GENERATOR = "generator";
    public static final String ERROR = "error";
    public static final String STARTED_AT = "startedAt";
    public static final String FINISHED_AT = "finishedAt";

    @Override
    public void process(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        CompletionEvent event = Json.mapper().readValue(in.getBody(String.class), CompletionEvent.class);
        in.setBody(event);
        in.setHeader(KioskHeaders.REQUEST_ID, event.requestId());
        in.setHeader(KioskHeaders.SHOT, event.shot());
        in.setHeader(KioskHeaders.SHOTS, event.shots());
        in.setHeader(SHOT_STATUS, event.status().name());
        in.setHeader(GENERATOR, event.generator());
        in.setHeader(ERROR, event.error());
        in.setHeader(STARTED_AT, event.startedAt() == null ? null : Timestamp.from(event.startedAt()));
        in.setHeader(FINISHED_AT, event.finishedAt() == null ? null : Timestamp.from(event.finishedAt()));
    }
}
