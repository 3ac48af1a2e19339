package io.photobooth.conversion;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.Json;
import io.photobooth.contract.ObjectKeys;
import io.photobooth.contract.QueueNames;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.KioskRequest;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Builds the SQS jobs of a request, one JSON message per shot, with the deadline that
 * {@link RequestDeadline} set, as the body of a batch send, and names the queue of the request's
 * vendor and concept in the {@link #QUEUE} header.
 */
public class JobBatch implements Processor {

    public static final String QUEUE = "queue";

    private final String env;
    private final Clock clock;

    public JobBatch(String env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        KioskRequest request = KioskRequest.of(in);
        var enqueuedAt = clock.instant();
        Instant deadline = in.getHeader(KioskHeaders.DEADLINE_AT, Timestamp.class).toInstant();
        in.setBody(IntStream.rangeClosed(1, request.shots())
                .mapToObj(shot -> new ConversionJob(ConversionJob.VERSION, request.requestId(), shot, request.shots(),
                        env, request.vendor(), request.concept(),
                        request.uploadKey(env, shot),
                        ObjectKeys.result(env, request.vendor(), request.requestId(), shot),
                        enqueuedAt, deadline))
                .map(JobBatch::toJson)
                .toList());
        in.setHeader(QUEUE, QueueNames.jobs(env, request.vendor(), request.concept()));
    }

    private static String toJson(ConversionJob job) {
        try {
            return Json.mapper().writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
