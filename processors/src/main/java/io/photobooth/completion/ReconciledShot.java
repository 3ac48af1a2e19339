package io.photobooth.completion;

import java.sql.Timestamp;

import io.photobooth.contract.ShotStatus;
import io.photobooth.conversion.CompletionReader;
import io.photobooth.kiosk.KioskHeaders;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Sets the headers of the shot statement for a result found in S3 whose completion event never
 * arrived, as {@link CompletionReader} sets them for an event: the shot is {@code DONE}, recorded by
 * {@value #GENERATOR}, finished when the result was stored. The generator and the start time are
 * unknown.
 */
public class ReconciledShot implements Processor {

    /** The {@code generator} recorded on a shot that reconciliation, not an event, finished. */
    public static final String GENERATOR = "reconciled";

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        StoredOutcome outcome = in.getBody(StoredOutcome.class);
        if (outcome.status() != ShotStatus.DONE) {
            throw new IllegalArgumentException("only a stored result is recorded without its event: " + outcome);
        }
        in.setHeader(KioskHeaders.SHOT, outcome.shot());
        in.setHeader(CompletionReader.SHOT_STATUS, ShotStatus.DONE.name());
        in.setHeader(CompletionReader.GENERATOR, GENERATOR);
        in.setHeader(CompletionReader.ERROR, null);
        in.setHeader(CompletionReader.REASON, null);
        in.setHeader(CompletionReader.GPU_MILLIS, null);
        in.setHeader(CompletionReader.STARTED_AT, null);
        in.setHeader(CompletionReader.FINISHED_AT, Timestamp.from(outcome.storedAt()));
    }
}
