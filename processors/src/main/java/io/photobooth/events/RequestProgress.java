package io.photobooth.events;

/**
 * The {@code data:} of a request-level event ({@code queued}, {@code done}, {@code failed}):
 * {@code status} is the request's status that the event reports ({@code QUEUED}, {@code DONE} or
 * {@code FAILED}).
 */
public record RequestProgress(String requestId, int shots, String status) {
}
