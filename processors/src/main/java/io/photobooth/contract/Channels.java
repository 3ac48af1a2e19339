package io.photobooth.contract;

/** Redis names: the channels of completion events and the keys of generator heartbeats. */
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

    /** The key under which a generator announces itself, with an expiry of a few heartbeat intervals. */
    public static String heartbeat(String env, String instanceId) {
        return "photobooth:" + env + ":generator:" + instanceId;
    }
}
