package io.photobooth.contract;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Published by a generator on Redis channel {@code photobooth:{env}:done:{requestId}} when it
 * starts converting one shot ({@link ConversionStatus#PROCESSING}) and when the shot is finished
 * ({@link ConversionStatus#DONE} or {@link ConversionStatus#FAILED}). {@code shots} repeats the
 * job's shot count so that whoever reads one event can say "shot 1 of 2". Version 2 added
 * {@link ConversionStatus#EXPIRED} (the job's deadline had passed: nothing was converted),
 * {@code reason} (why a shot did not end DONE) and {@code gpuMillis} (the model's time on a converted
 * shot, for usage). A proxy still reads version 1.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompletionEvent(
        int version,
        String requestId,
        int shot,
        int shots,
        ConversionStatus status,
        String outputKey,
        String error,
        String generator,
        Instant startedAt,
        Instant finishedAt,
        RefundReason reason,
        Long gpuMillis) {

    public static final int VERSION = 2;

    /** Whether a proxy reads this event: the current version, or version 1 (without its additions). */
    public boolean readable() {
        return version == VERSION
                || (version == 1 && status != ConversionStatus.EXPIRED && reason == null && gpuMillis == null);
    }

    /** The notice that the generator took the job and starts converting the shot. */
    public static CompletionEvent processing(ConversionJob job, String generator, Instant startedAt) {
        return new CompletionEvent(VERSION, job.requestId(), job.shot(), job.shots(), ConversionStatus.PROCESSING,
                null, null, generator, startedAt, null, null, null);
    }

    public static CompletionEvent failed(ConversionJob job, String generator, Instant startedAt, Instant finishedAt,
            String error, RefundReason reason) {
        return new CompletionEvent(VERSION, job.requestId(), job.shot(), job.shots(), ConversionStatus.FAILED, null,
                error, generator, startedAt, finishedAt, reason, null);
    }

    /** The job's deadline had passed when the generator received it: nothing was downloaded or converted. */
    public static CompletionEvent expired(ConversionJob job, String generator, Instant receivedAt) {
        return new CompletionEvent(VERSION, job.requestId(), job.shot(), job.shots(), ConversionStatus.EXPIRED, null,
                "the deadline " + job.deadline() + " had passed when a generator received the shot",
                generator, null, receivedAt, RefundReason.DEADLINE_MISSED, null);
    }

    public static CompletionEvent done(ConversionJob job, String generator, Instant startedAt, Instant finishedAt,
            long gpuMillis) {
        return new CompletionEvent(VERSION, job.requestId(), job.shot(), job.shots(), ConversionStatus.DONE,
                job.outputKey(), null, generator, startedAt, finishedAt, null, gpuMillis);
    }
}
