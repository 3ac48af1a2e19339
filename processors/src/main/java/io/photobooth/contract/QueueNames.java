package io.photobooth.contract;

/** SQS queue names: one queue, and its dead-letter queue, per environment, vendor and concept. */
public final class QueueNames {

    private QueueNames() {
    }

    public static String jobs(String env, String vendor, String concept) {
        return env + "-" + vendor + "-" + concept;
    }

    public static String deadLetter(String env, String vendor, String concept) {
        return jobs(env, vendor, concept) + "-dlq";
    }
}
