package io.photobooth.contract;

/**
 * What a generator reports about one shot in a {@link CompletionEvent}: it started converting it,
 * or it finished it, converted or not. {@link #DONE}, {@link #FAILED} and {@link #EXPIRED} become
 * the shot's stored {@link ShotStatus}.
 */
public enum ConversionStatus {
    PROCESSING,
    DONE,
    FAILED,
    /** The job's deadline had passed when a generator received it: it was not converted (version 2). */
    EXPIRED
}
