package io.photobooth.callback;

/**
 * Names of the headers of a callback: the HTTP headers a vendor's receiver gets with each POST, and
 * the exchange headers that carry a delivery through route {@code callback-delivery} (camel-jdbc
 * reads its SQL parameters from them; none of them is sent to the receiver).
 */
public final class CallbackHeaders {

    /** HTTP: the event's id, the receiver's de-duplication key (also {@code eventId} in the body). */
    public static final String EVENT_ID_HTTP = "Photobooth-Event-Id";
    /** HTTP: when this attempt was signed, in unix seconds; part of the signed text. */
    public static final String TIMESTAMP_HTTP = "Photobooth-Timestamp";
    /** HTTP: {@code v1=} and the lowercase hex HMAC-SHA256 of {@code timestamp + "." + body}. */
    public static final String SIGNATURE_HTTP = "Photobooth-Signature";

    /** The delivery (a {@code callback_delivery} row) being attempted. */
    public static final String DELIVERY_ID = "deliveryId";
    /** The {@code request_event} the delivery reports. */
    public static final String EVENT_ID = "eventId";
    /** The attempts the delivery had before this one. */
    public static final String ATTEMPTS = "attempts";
    /** The number of this attempt (attempts before it, plus one). */
    public static final String ATTEMPT = "attempt";
    /** When this attempt started, in epoch milliseconds. */
    public static final String STARTED_AT = "attemptStartedAt";
    /** The HTTP status the receiver answered, or null when it did not answer. */
    public static final String STATUS_CODE = "attemptStatusCode";
    /** Why the receiver did not answer (connection refused, timeout), or null. */
    public static final String ERROR = "attemptError";
    /** How long the attempt took, in milliseconds. */
    public static final String DURATION_MS = "attemptDurationMs";
    /** The delivery's status after this attempt: a {@link DeliveryStatus} name. */
    public static final String DELIVERY_STATUS = "deliveryStatus";
    /** How long after now the next attempt is due, in milliseconds (for a delivery still PENDING). */
    public static final String RETRY_DELAY_MILLIS = "retryDelayMillis";

    private CallbackHeaders() {
    }
}
