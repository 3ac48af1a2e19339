package io.photobooth.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the live moto server does with EC2, SQS and S3. Unlike real EC2, moto reports the transitional states
 * (pending, stopping) only in the start and stop answers: describing right after shows running or stopped.
 */
class MotoServerTest {

    private final MotoServer moto = MotoServer.get();

    @BeforeEach
    void reset() {
        moto.reset();
    }

    @Test
    void createdInstancesAreStopped() {
        List<String> ids = moto.createStoppedInstances(2);

        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        assertThat(states(ids)).isEqualTo(Map.of(
                ids.get(0), InstanceStateName.STOPPED, ids.get(1), InstanceStateName.STOPPED));
    }

    @Test
    void startIsPendingInItsAnswerAndRunningRightAfter() {
        String id = moto.createStoppedInstances(1).getFirst();

        InstanceStateChange change = moto.ec2().startInstances(start -> start.instanceIds(id))
                .startingInstances().getFirst();

        assertThat(change.previousState().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(change.currentState().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(states(List.of(id))).isEqualTo(Map.of(id, InstanceStateName.RUNNING));
    }

    @Test
    void stopIsStoppingInItsAnswerAndStoppedRightAfter() {
        String id = moto.createStoppedInstances(1).getFirst();
        moto.ec2().startInstances(start -> start.instanceIds(id));

        InstanceStateChange change = moto.ec2().stopInstances(stop -> stop.instanceIds(id))
                .stoppingInstances().getFirst();

        assertThat(change.previousState().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(change.currentState().name()).isEqualTo(InstanceStateName.STOPPING);
        assertThat(states(List.of(id))).isEqualTo(Map.of(id, InstanceStateName.STOPPED));
    }

    @Test
    void queueCountsVisibleAndInFlightMessages() {
        SqsClient sqs = moto.sqs();
        String queue = sqs.createQueue(create -> create.queueName("moto-check")).queueUrl();
        sqs.sendMessage(send -> send.queueUrl(queue).messageBody("first"));
        sqs.sendMessage(send -> send.queueUrl(queue).messageBody("second"));

        assertThat(counts(queue)).containsExactly("2", "0");

        assertThat(sqs.receiveMessage(receive -> receive.queueUrl(queue).maxNumberOfMessages(1)).messages())
                .hasSize(1);

        assertThat(counts(queue)).containsExactly("1", "1");
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueueOnTheNextReceive() {
        SqsClient sqs = moto.sqs();
        String queue = moto.createQueueWithDeadLetterQueue("moto-jobs", 3);
        String deadLetters = sqs.getQueueUrl(get -> get.queueName("moto-jobs-dlq")).queueUrl();
        sqs.sendMessage(send -> send.queueUrl(queue).messageBody("job"));

        for (int receive = 1; receive <= 3; receive++) {
            assertThat(sqs.receiveMessage(r -> r.queueUrl(queue).visibilityTimeout(0)).messages())
                    .as("receive %d", receive).hasSize(1);
        }

        assertThat(sqs.receiveMessage(r -> r.queueUrl(queue)).messages()).isEmpty();
        assertThat(sqs.receiveMessage(r -> r.queueUrl(deadLetters)).messages())
                .extracting(Message::body).containsExactly("job");
    }

    @Test
    void s3KeepsTheServerSideEncryptionAPutAskedFor() {
        S3Client s3 = moto.s3();
        s3.createBucket(create -> create.bucket("moto-check"));
        s3.putObject(put -> put.bucket("moto-check").key("plain"), RequestBody.fromString("x"));
        s3.putObject(put -> put.bucket("moto-check").key("sse-s3").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromString("x"));

        assertThat(s3.headObject(head -> head.bucket("moto-check").key("plain")).serverSideEncryption()).isNull();
        assertThat(s3.headObject(head -> head.bucket("moto-check").key("sse-s3")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void resetForgetsInstancesAndQueues() {
        moto.createStoppedInstances(1);
        moto.sqs().createQueue(create -> create.queueName("moto-check"));

        moto.reset();

        assertThat(moto.ec2().describeInstances().reservations()).isEmpty();
        assertThat(moto.sqs().listQueues().queueUrls()).isEmpty();
    }

    private Map<String, InstanceStateName> states(List<String> ids) {
        return moto.ec2().describeInstances(describe -> describe.instanceIds(ids)).reservations().stream()
                .flatMap(reservation -> reservation.instances().stream())
                .collect(Collectors.toMap(Instance::instanceId, instance -> instance.state().name()));
    }

    /** ApproximateNumberOfMessages, then ApproximateNumberOfMessagesNotVisible. */
    private List<String> counts(String queue) {
        List<QueueAttributeName> names = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
        Map<QueueAttributeName, String> attributes = moto.sqs()
                .getQueueAttributes(get -> get.queueUrl(queue).attributeNames(names)).attributes();
        return names.stream().map(attributes::get).toList();
    }
}
