package io.photobooth.contract;

/**
 * S3 object keys. They are chosen by the server from validated catalogue names and a random
 * requestId, never from anything a kiosk sends.
 */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    public static String upload(String env, String vendor, String requestId, int shot) {
        return "uploads/" + env + "/" + vendor + "/" + requestId + "/" + shot + ".jpg";
    }

    public static String result(String env, String vendor, String requestId, int shot) {
        return "results/" + env + "/" + vendor + "/" + requestId + "/" + shot + ".jpg";
    }
}
