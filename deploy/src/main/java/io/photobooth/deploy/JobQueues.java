package io.photobooth.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.VendorConcept;
import io.photobooth.contract.QueueNames;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * One jobs queue {@code {env}-{vendor}-{concept}} per (vendor, concept) pair of the catalogue, and
 * its dead-letter queue {@code …-dlq}: SQS moves a job there after
 * {@code generator.max-receive-count} receives. The jobs queue's visibility timeout is the concept's
 * ({@link PhotoboothProperties#visibilityTimeoutSeconds}). Both are encrypted (SSE-SQS) and take
 * requests over TLS only.
 */
public class JobQueues extends Construct {

    /** How long a dead-lettered job stays readable: SQS's longest. */
    private static final Duration DEAD_LETTER_RETENTION = Duration.days(14);

    private final Map<VendorConcept, Queue> jobs = new LinkedHashMap<>();
    private final Map<VendorConcept, Queue> deadLetters = new LinkedHashMap<>();

    public JobQueues(Construct scope, String id, PhotoboothProperties catalogue) {
        super(scope, id);
        String env = catalogue.env();
        catalogue.vendorConcepts().forEach(pair -> {
            String name = QueueNames.jobs(env, pair.vendor(), pair.concept());
            Queue deadLetter = Queue.Builder.create(this, name + "-dlq")
                    .queueName(QueueNames.deadLetter(env, pair.vendor(), pair.concept()))
                    .retentionPeriod(DEAD_LETTER_RETENTION)
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .build();
            Queue queue = Queue.Builder.create(this, name)
                    .queueName(name)
                    .visibilityTimeout(Duration.seconds(catalogue.visibilityTimeoutSeconds(pair.concept())))
                    .deadLetterQueue(DeadLetterQueue.builder()
                            .queue(deadLetter)
                            .maxReceiveCount(catalogue.generator().maxReceiveCount())
                            .build())
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .build();
            jobs.put(pair, queue);
            deadLetters.put(pair, deadLetter);
        });
    }

    public Queue jobs(VendorConcept pair) {
        return jobs.get(pair);
    }

    /** Every jobs queue, in the catalogue's order. */
    public Map<VendorConcept, Queue> allJobs() {
        return Collections.unmodifiableMap(jobs);
    }

    /** Every dead-letter queue, in the catalogue's order. */
    public Map<VendorConcept, Queue> allDeadLetters() {
        return Collections.unmodifiableMap(deadLetters);
    }
}
