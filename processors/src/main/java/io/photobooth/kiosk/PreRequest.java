package io.photobooth.kiosk;

/** The body of {@code POST /api/v1/requests}: the concept the customer paid for and the shot count. */
public record PreRequest(String concept, Integer shots) {
}
