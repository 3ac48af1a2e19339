package io.photobooth.local;

import java.util.Map;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.contract.QueueNames;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates, from the catalogue, every {@code {env}-{vendor}-{concept}} queue with its dead-letter
 * queue and redrive policy, as an AWS deployment must provide them. Creating an existing queue with
 * the same attributes is a no-op, so this runs at every start.
 */
public final class LocalQueues {

    private LocalQueues() {
    }

    public static int create(SqsClient sqs, PhotoboothProperties properties) {
        var generator = properties.generator();
        properties.vendorConcepts().forEach(queue -> {
            String deadLetterUrl = sqs.createQueue(create -> create.queueName(
                    QueueNames.deadLetter(properties.env(), queue.vendor(), queue.concept()))).queueUrl();
            String deadLetterArn = sqs.getQueueAttributes(get -> get.queueUrl(deadLetterUrl)
                            .attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String redrive = "{\"maxReceiveCount\":\"" + generator.maxReceiveCount()
                    + "\",\"deadLetterTargetArn\":\"" + deadLetterArn + "\"}";
            sqs.createQueue(create -> create
                    .queueName(QueueNames.jobs(properties.env(), queue.vendor(), queue.concept()))
                    .attributes(Map.of(
                            QueueAttributeName.REDRIVE_POLICY, redrive,
                            QueueAttributeName.VISIBILITY_TIMEOUT,
                            String.valueOf(properties.visibilityTimeoutSeconds(queue.concept())))));
        });
        return properties.vendorConcepts().size();
    }
}
