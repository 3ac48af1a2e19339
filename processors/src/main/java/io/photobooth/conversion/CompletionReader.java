package io.photobooth.conversion;

import java.io.IOException;
import java.sql.Timestamp;

import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.Json;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.RequestIds;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Parses a completion event received from Redis and sets the headers the proxy routes use. An event
 * of another version, or whose request id is not one this service makes, is refused before any of
 * it reaches a header, the log's MDC or a statement; the refusal does not quote the id, which could
 * carry line breaks that forge log lines.
 */
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
        if (event.version() != CompletionEvent.VERSION) {
            throw new IllegalArgumentException("unsupported completion event version " + event.version());
        }
        if (RequestIds.parse(event.requestId()).isEmpty()) {
            throw new IllegalArgumentException("a completion event whose requestId is not a request id");
        }
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
