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
    public static final String MISSING_SHOTS = "missingShots";

    /** The headers a kiosk must never be able to set: removed before the vendor is known. */
    static final String[] SERVER_SET = {VENDOR, CONCEPT, SHOTS, SHOT, MISSING_SHOTS};

    private KioskHeaders() {
    }
}
