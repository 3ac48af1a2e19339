package io.photobooth.fleet;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.photobooth.catalogue.PhotoboothProperties.VendorConcept;
import io.photobooth.contract.QueueNames;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Counts the jobs on the queues of the group in the {@link FleetHeaders#GROUP} header: visible,
 * in flight (received, not yet deleted) and delayed, from SQS's approximate counts. camel-aws2-sqs
 * has no operation for queue attributes, so this reads them with the same {@link SqsClient}.
 */
public class QueueDepths implements Processor {

    private static final List<QueueAttributeName> COUNTS = List.of(
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

    private final SqsClient sqs;
    private final GeneratorGroups groups;
    private final String env;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    public QueueDepths(SqsClient sqs, GeneratorGroups groups, String env) {
        this.sqs = sqs;
        this.groups = groups;
        this.env = env;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        long pending = 0;
        for (VendorConcept queue : groups.byKey(in.getHeader(FleetHeaders.GROUP, String.class)).queues()) {
            pending += depth(QueueNames.jobs(env, queue.vendor(), queue.concept()));
        }
        in.setHeader(FleetHeaders.PENDING_JOBS, pending);
    }

    private long depth(String queue) {
        String url = queueUrls.computeIfAbsent(queue, name -> sqs.getQueueUrl(request -> request.queueName(name)).queueUrl());
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request
                .queueUrl(url).attributeNames(COUNTS)).attributes();
        return COUNTS.stream().mapToLong(count -> Long.parseLong(attributes.getOrDefault(count, "0"))).sum();
    }
}
