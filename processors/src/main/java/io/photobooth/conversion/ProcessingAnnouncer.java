package io.photobooth.conversion;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.photobooth.contract.Channels;
import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.Json;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Prepares the Redis PUBLISH of the notice that this generator took a job and starts converting
 * its shot: a {@link CompletionEvent} with status {@code PROCESSING} on the request's channel, in
 * the headers that {@link CompletionAnnouncer} uses for the completion itself.
 */
public class ProcessingAnnouncer implements Processor {

    private final String generator;

    public ProcessingAnnouncer(String generator) {
        this.generator = generator;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        ConversionJob job = exchange.getProperty(JobIntake.JOB, ConversionJob.class);
        Instant startedAt = exchange.getProperty(JobIntake.STARTED_AT, Instant.class);
        Message in = exchange.getMessage();
        in.setHeader(CompletionAnnouncer.CHANNEL, Channels.completion(job.env(), job.requestId()));
        in.setHeader(CompletionAnnouncer.MESSAGE,
                Json.mapper().writeValueAsString(CompletionEvent.processing(job, generator, startedAt)));
    }
}
