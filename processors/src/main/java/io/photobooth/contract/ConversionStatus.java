package io.photobooth.contract;

/**
 * What a generator reports about one shot in a {@link CompletionEvent}: it started converting it,
 * or it finished it, converted or not. Only {@link #DONE} and {@link #FAILED} become the shot's
 * stored {@link ShotStatus}.
 */
public enum ConversionStatus {
    PROCESSING,
    DONE,
    FAILED
}
