package io.photobooth.conversion;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.Json;
import io.photobooth.kiosk.KioskHeaders;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads a job received from SQS: keeps it in the {@link #JOB} property, records when work started
 * and whether the job's deadline had passed then ({@link #EXPIRED}), and sets the headers the worker
 * route needs (the S3 key of the upload, the concept).
 */
public class JobIntake implements Processor {

    public static final String JOB = "photoboothJob";
    public static final String STARTED_AT = "photoboothStartedAt";
    /** Whether the job's deadline had passed when it was read: it is then not converted. */
    public static final String EXPIRED = "photoboothJobExpired";
    public static final String S3_KEY = "CamelAwsS3Key";

    private final Clock clock;

    public JobIntake(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        ConversionJob job = Json.mapper().readValue(in.getBody(String.class), ConversionJob.class);
        if (!job.readable()) {
            throw new IllegalArgumentException("unsupported job version " + job.version());
        }
        exchange.setProperty(JOB, job);
        Instant now = clock.instant();
        exchange.setProperty(STARTED_AT, now);
        exchange.setProperty(EXPIRED, job.expiredAt(now));
        in.setHeader(KioskHeaders.REQUEST_ID, job.requestId());
        in.setHeader(KioskHeaders.SHOT, job.shot());
        in.setHeader(KioskHeaders.CONCEPT, job.concept());
        in.setHeader(S3_KEY, job.inputKey());
    }
}
