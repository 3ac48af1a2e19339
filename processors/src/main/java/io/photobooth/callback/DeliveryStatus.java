package io.photobooth.callback;

/** The life of a callback delivery, as stored in {@code callback_delivery}. */
public enum DeliveryStatus {
    /** Not yet answered with a 2xx; attempted again at its {@code next_attempt_at}. */
    PENDING,
    /** A receiver answered an attempt with a 2xx. */
    DELIVERED,
    /** Every one of {@code max-attempts} attempts failed: no further attempt is made. */
    GAVE_UP
}
