package io.photobooth.kiosk;

/**
 * The body of {@code POST /api/v1/requests}: the concept the customer paid for, the shot count
 * (default 1), the MIME type the kiosk will upload (default {@code image/jpeg}) and, optionally, a
 * deadline in seconds shorter than the vendor's for the concept.
 */
public record PreRequest(String concept, Integer shots, String contentType, Integer deadlineSeconds) {
}
