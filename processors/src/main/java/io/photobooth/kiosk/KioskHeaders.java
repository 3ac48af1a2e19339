package io.photobooth.kiosk;

/**
 * Names of the exchange headers that carry a kiosk request through the proxy routes (camel-jdbc
 * reads its SQL parameters from them). They are set only by the proxy, after authentication:
 * {@link VendorAuthenticator} removes any inbound header of the same name first.
 */
public final class KioskHeaders {

    public static final String API_KEY = "X-Api-Key";
    public static final String REQUEST_ID = "requestId";
    public static final String VENDOR = "vendor";
    public static final String CONCEPT = "concept";
    public static final String SHOTS = "shots";
    public static final String SHOT = "shot";
    /** The MIME type of the request's uploads ({@code image/jpeg} or {@code image/png}). */
    public static final String PHOTO_CONTENT_TYPE = "photoContentType";
    /** The stored status of the request, when a route answers for an existing one. */
    public static final String REQUEST_STATUS = "requestStatus";
    /** The HTTP header a kiosk may send with a pre-request to make repeating it safe. */
    public static final String IDEMPOTENCY_KEY_HTTP = "Idempotency-Key";
    /** The validated idempotency key ({@code ""} when the kiosk sent none). */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /** The length of the request's deadline in seconds, fixed at its pre-request. */
    public static final String DEADLINE_SECONDS = "deadlineSeconds";
    /** When the request's deadline passes, a {@code java.sql.Timestamp} (a statement parameter). */
    public static final String DEADLINE_AT = "deadlineAt";

    /** The headers a kiosk must never be able to set: removed before the vendor is known. */
    static final String[] SERVER_SET = {VENDOR, CONCEPT, SHOTS, SHOT, PHOTO_CONTENT_TYPE, REQUEST_STATUS,
        IDEMPOTENCY_KEY, DEADLINE_SECONDS, DEADLINE_AT};

    private KioskHeaders() {
    }
}
