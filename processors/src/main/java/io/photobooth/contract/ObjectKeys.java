package io.photobooth.contract;

/**
 * S3 object keys. They are chosen by the server from validated catalogue names and a random
 * requestId, never from anything a kiosk sends.
 */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    public static String upload(String env, String vendor, String requestId, int shot, PhotoFormat format) {
        return "uploads/" + env + "/" + vendor + "/" + requestId + "/" + shot + "." + format.extension();
    }

    public static String result(String env, String vendor, String requestId, int shot) {
        return resultPrefix(env, vendor, requestId) + shot + ".jpg";
    }

    /**
     * The generator's durable record of a shot it could not convert: its FAILED completion event as
     * JSON, next to where the result would have been.
     */
    public static String failure(String env, String vendor, String requestId, int shot) {
        return resultPrefix(env, vendor, requestId) + shot + ".failed.json";
    }

    /** The prefix under which a request's results and failure records lie. */
    public static String resultPrefix(String env, String vendor, String requestId) {
        return "results/" + env + "/" + vendor + "/" + requestId + "/";
    }
}
