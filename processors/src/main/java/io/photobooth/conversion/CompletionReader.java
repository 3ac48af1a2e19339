package io.photobooth.conversion;

import java.io.IOException;
import java.sql.Timestamp;

import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.RefundReason;
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
    /** Why the shot did not end DONE; a FAILED event of version 1 carries none: the generator failed. */
    public static final String REASON = "reason";
    public static final String GPU_MILLIS = "gpuMillis";
    /** Who made the change, for the audit trail: {@code generator:{instance}}, or the proxy that dead-lettered it. */
    public static final String ACTOR = "actor";

    @Override
    public void process(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        CompletionEvent event = Json.mapper().readValue(in.getBody(String.class), CompletionEvent.class);
        if (!event.readable()) {
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
        in.setHeader(REASON, reason(event));
        in.setHeader(GPU_MILLIS, event.gpuMillis());
        in.setHeader(ACTOR, actor(event.generator()));
    }

    private static String reason(CompletionEvent event) {
        return switch (event.status()) {
            case PROCESSING, DONE -> null;
            case FAILED, EXPIRED -> (event.reason() == null ? RefundReason.GENERATOR_FAILED : event.reason()).name();
        };
    }

    /** A generator's instance id, or the proxies' dead-letter route, which fails a shot no generator could convert. */
    static String actor(String generator) {
        return DeadLetterAnnouncer.DEAD_LETTER.equals(generator) ? "proxy:" + generator : "generator:" + generator;
    }
}
