package io.photobooth.conversion;

import java.time.Clock;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.photobooth.contract.Channels;
import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.Json;
import io.photobooth.filter.UnusablePhotoException;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Prepares the Redis PUBLISH of a finished job's completion event on its request's channel: DONE,
 * or FAILED with the reason when the exchange carries the {@link UnusablePhotoException} that ended
 * the conversion.
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
        CompletionEvent event = caught instanceof UnusablePhotoException unusable
                ? CompletionEvent.failed(job, generator, startedAt, clock.instant(), unusable.getMessage())
                : CompletionEvent.done(job, generator, startedAt, clock.instant());
        Message in = exchange.getMessage();
        in.setHeader(CHANNEL, Channels.completion(job.env(), job.requestId()));
        in.setHeader(MESSAGE, Json.mapper().writeValueAsString(event));
    }
}
