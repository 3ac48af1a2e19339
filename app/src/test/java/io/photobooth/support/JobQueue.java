package io.photobooth.support;

import io.photobooth.contract.QueueNames;

import software.amazon.awssdk.services.sqs.SqsClient;

/** One jobs queue's approximate counts, as SQS (here ElasticMQ) reports them. */
public final class JobQueue {

    private final SqsClient sqs;
    private final String url;

    private JobQueue(SqsClient sqs, String url) {
        this.sqs = sqs;
        this.url = url;
    }

    public static JobQueue of(SqsClient sqs, String env, String vendor, String concept) {
        return new JobQueue(sqs, sqs.getQueueUrl(get -> get.queueName(QueueNames.jobs(env, vendor, concept))).queueUrl());
    }

    public String url() {
        return url;
    }

    /** Jobs waiting to be received. */
    public int visible() {
        return count("ApproximateNumberOfMessages");
    }

    /** Jobs received and not yet deleted. */
    public int inFlight() {
        return count("ApproximateNumberOfMessagesNotVisible");
    }

    /** Neither waiting nor in flight. */
    public boolean isEmpty() {
        return visible() == 0 && inFlight() == 0;
    }

    private int count(String attribute) {
        return Integer.parseInt(sqs.getQueueAttributes(get -> get.queueUrl(url).attributeNamesWithStrings(attribute))
                .attributesAsStrings().get(attribute));
    }
}
