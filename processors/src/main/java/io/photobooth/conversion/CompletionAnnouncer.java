package io.photobooth.conversion;

import java.time.Clock;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.photobooth.contract.Channels;
import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.Json;
import io.photobooth.contract.RefundReason;
import io.photobooth.filter.UnusablePhotoException;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Prepares the Redis PUBLISH of a finished job's completion event on its request's channel: EXPIRED
 * for a job read after its deadline ({@link JobIntake#EXPIRED}), DONE,
 * with the model's time ({@link ConversionMetrics#INFERENCE_MILLIS}), or FAILED with the reason
 * ({@code INPUT_REJECTED}) when the exchange carries the {@link UnusablePhotoException} that ended the
 * conversion.
 */
public class CompletionAnnouncer implements Processor {

    public static final String CHANNEL = "CamelRedis.Channel";
    public static final String MESSAGE = "CamelRedis.Message";

    private final String generator;
    private final Clock clock;

    public CompletionAnnouncer(String generator, Clock clock) {
        this.generator = generator;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        ConversionJob job = exchange.getProperty(JobIntake.JOB, ConversionJob.class);
        Instant startedAt = exchange.getProperty(JobIntake.STARTED_AT, Instant.class);
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        CompletionEvent event = exchange.getProperty(JobIntake.EXPIRED, false, Boolean.class)
                ? CompletionEvent.expired(job, generator, startedAt)
                : caught instanceof UnusablePhotoException unusable
                ? CompletionEvent.failed(job, generator, startedAt, clock.instant(), unusable.getMessage(),
                        RefundReason.INPUT_REJECTED)
                : CompletionEvent.done(job, generator, startedAt, clock.instant(),
                        exchange.getProperty(ConversionMetrics.INFERENCE_MILLIS, 0L, Long.class));
        Message in = exchange.getMessage();
        in.setHeader(CHANNEL, Channels.completion(job.env(), job.requestId()));
        in.setHeader(MESSAGE, Json.mapper().writeValueAsString(event));
    }
}
