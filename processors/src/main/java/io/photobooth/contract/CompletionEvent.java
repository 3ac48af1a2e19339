package io.photobooth.contract;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Published by a generator on Redis channel {@code photobooth:{env}:done:{requestId}} when one
 * shot is finished. {@code shots} repeats the job's shot count so that a proxy can tell when a
 * request is complete without a database round trip.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompletionEvent(
        int version,
        String requestId,
        int shot,
        int shots,
        ShotStatus status,
        String outputKey,
        String error,
        String generator,
        Instant startedAt,
        Instant finishedAt) {

    public static final int VERSION = 1;

    public static CompletionEvent failed(ConversionJob job, String generator, Instant startedAt, Instant finishedAt,
            String error) {
        return new CompletionEvent(VERSION, job.requestId(), job.shot(), job.shots(), ShotStatus.FAILED, null, error,
                generator, startedAt, finishedAt);
    }

    public static CompletionEvent done(ConversionJob job, String generator, Instant startedAt, Instant finishedAt) {
        return new CompletionEvent(VERSION, job.requestId(), job.shot(), job.shots(), ShotStatus.DONE,
                job.outputKey(), null, generator, startedAt, finishedAt);
    }
}
