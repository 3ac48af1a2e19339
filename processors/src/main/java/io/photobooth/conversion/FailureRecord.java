package io.photobooth.conversion;

import java.nio.charset.StandardCharsets;

import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.ObjectKeys;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Prepares the S3 put of the generator's durable record of a failed shot: the FAILED completion
 * event that {@link CompletionAnnouncer} built, as JSON at {@link ObjectKeys#failure}. Pub/sub may
 * lose the event; the record lets the proxies' reconciliation find the outcome anyway.
 */
public class FailureRecord implements Processor {

    @Override
    public void process(Exchange exchange) {
        ConversionJob job = exchange.getProperty(JobIntake.JOB, ConversionJob.class);
        Message in = exchange.getMessage();
        byte[] event = in.getHeader(CompletionAnnouncer.MESSAGE, String.class).getBytes(StandardCharsets.UTF_8);
        in.setBody(event);
        in.setHeader(JobIntake.S3_KEY, ObjectKeys.failure(job.env(), job.vendor(), job.requestId(), job.shot()));
        in.setHeader(ResultUpload.CONTENT_TYPE, "application/json");
        in.setHeader(ResultUpload.CONTENT_LENGTH, (long) event.length);
    }
}
