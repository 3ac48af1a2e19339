package io.photobooth.conversion;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.photobooth.contract.Channels;
import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.Json;
import io.photobooth.contract.RefundReason;
import io.photobooth.contract.ObjectKeys;
import io.photobooth.kiosk.KioskHeaders;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns a job that SQS moved to its dead-letter queue (it failed {@code maxReceiveCount} times) into
 * the shot's FAILED outcome: the {@link CompletionEvent} with the reason, as the body and headers of
 * the S3 put of the shot's failure record ({@link ObjectKeys#failure}, which reconciliation reads if
 * the event is lost) and as the Redis PUBLISH on the request's channel.
 */
public class DeadLetterAnnouncer implements Processor {

    /** The {@code generator} of the event: no generator finished the shot. */
    public static final String DEAD_LETTER = "dead-letter";

    private final int maxReceiveCount;
    private final Clock clock;

    public DeadLetterAnnouncer(int maxReceiveCount, Clock clock) {
        this.maxReceiveCount = maxReceiveCount;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        ConversionJob job = Json.mapper().readValue(in.getBody(String.class), ConversionJob.class);
        CompletionEvent event = CompletionEvent.failed(job, DEAD_LETTER, null, clock.instant(),
                "the generator could not convert this shot (" + maxReceiveCount + " attempts failed)",
                RefundReason.GENERATOR_FAILED);
        String json = Json.mapper().writeValueAsString(event);
        byte[] record = json.getBytes(StandardCharsets.UTF_8);
        in.setBody(record);
        in.setHeader(JobIntake.S3_KEY, ObjectKeys.failure(job.env(), job.vendor(), job.requestId(), job.shot()));
        in.setHeader(ResultUpload.CONTENT_TYPE, "application/json");
        in.setHeader(ResultUpload.CONTENT_LENGTH, (long) record.length);
        in.setHeader(CompletionAnnouncer.CHANNEL, Channels.completion(job.env(), job.requestId()));
        in.setHeader(CompletionAnnouncer.MESSAGE, json);
        in.setHeader(KioskHeaders.REQUEST_ID, job.requestId());
        in.setHeader(KioskHeaders.SHOT, job.shot());
    }
}
