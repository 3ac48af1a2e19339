package io.photobooth.kiosk;

/** The kiosk API's paths, as the answers link to them. */
public final class ApiPaths {

    public static final String BASE = "/api/v1";

    private ApiPaths() {
    }

    public static String request(String requestId) {
        return BASE + "/requests/" + requestId;
    }

    public static String conversion(String requestId) {
        return request(requestId) + "/conversion";
    }
}
