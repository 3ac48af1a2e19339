package io.photobooth.contract;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Published by a generator on Redis channel {@code photobooth:{env}:done:{requestId}} when it
 * starts converting one shot ({@link ConversionStatus#PROCESSING}) and when the shot is finished
 * ({@link ConversionStatus#DONE} or {@link ConversionStatus#FAILED}). {@code shots} repeats the
 * job's shot count so that whoever reads one event can say "shot 1 of 2".
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
        Instant finishedAt) {

    public static final int VERSION = 1;

    /** The notice that the generator took the job and starts converting the shot. */
    public static CompletionEvent processing(ConversionJob job, String generator, Instant startedAt) {
        return new CompletionEvent(VERSION, job.requestId(), job.shot(), job.shots(), ConversionStatus.PROCESSING,
                null, null, generator, startedAt, null);
    }

    public static CompletionEvent failed(ConversionJob job, String generator, Instant startedAt, Instant finishedAt,
            String error) {
        return new CompletionEvent(VERSION, job.requestId(), job.shot(), job.shots(), ConversionStatus.FAILED, null,
                error, generator, startedAt, finishedAt);
    }

    public static CompletionEvent done(ConversionJob job, String generator, Instant startedAt, Instant finishedAt) {
        return new CompletionEvent(VERSION, job.requestId(), job.shot(), job.shots(), ConversionStatus.DONE,
                job.outputKey(), null, generator, startedAt, finishedAt);
    }
}
