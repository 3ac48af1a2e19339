package io.photobooth.contract;

/** Redis channel names of completion events. */
public final class Channels {

    private Channels() {
    }

    public static String completion(String env, String requestId) {
        return "photobooth:" + env + ":done:" + requestId;
    }

    /** The PSUBSCRIBE pattern that matches every completion of the environment. */
    public static String completionPattern(String env) {
        return "photobooth:" + env + ":done:*";
    }
}
