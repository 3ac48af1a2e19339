package io.photobooth.deploy;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.sqs.Queue;

/** The allow statements of the stack's policies, each named by a {@code Sid} that says what it is for. */
final class PolicyStatements {

    private PolicyStatements() {
    }

    static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
    }

    static List<String> arns(Map<?, Queue> queues) {
        return queues.values().stream().map(Queue::getQueueArn).toList();
    }
}
