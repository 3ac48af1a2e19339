package io.photobooth.deploy;

import static io.photobooth.deploy.PolicyStatements.allow;
import static io.photobooth.deploy.PolicyStatements.arns;

import java.util.List;
import java.util.Map;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.CompositePrincipal;
import software.amazon.awscdk.services.iam.InstanceProfile;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The proxies' role (an ECS task role, or an EC2 instance profile) and the least it needs, call by
 * call of the proxy routes: presigned PUTs of uploads and GETs of results (a presigned URL carries
 * its signer's rights), the failure records of the {@code dead-letter} routes and of reconciliation,
 * the upload and result listings and the {@code s3} health check ({@code HeadBucket}), the jobs sent
 * and the queue depths of the idle stop, the dead-letter queues consumed, queue URLs found by name
 * ({@code ListQueues}, as camel-aws2-sqs does, and the {@code sqs} health check), and the fleet's
 * EC2 calls: instances are described anywhere (EC2 allows no narrower resource), but started and
 * stopped only when tagged as a generator group of this environment.
 */
public class ProxyAccess extends Construct {

    private final Role role;

    public ProxyAccess(Construct scope, String id, PhotoboothProperties catalogue, PhotoBucket bucket, JobQueues queues,
            DeploySettings settings) {
        super(scope, id);
        String env = catalogue.env();
        role = Role.Builder.create(this, "Role")
                .description("Photobooth proxy of " + env)
                .assumedBy(new CompositePrincipal(
                        new ServicePrincipal("ecs-tasks.amazonaws.com"), new ServicePrincipal("ec2.amazonaws.com")))
                .build();
        InstanceProfile.Builder.create(this, "InstanceProfile").role(role).build();
        Stack stack = Stack.of(this);
        List<String> groupKeys = catalogue.generatorGroups().stream().map(GeneratorGroup::key).toList();
        Policy.Builder.create(this, "Policy")
                .roles(List.of(role))
                .statements(List.of(
                        allow("PresignUploads", List.of("s3:PutObject"),
                                List.of(bucket.objectsArn(PhotoBucket.UPLOADS + env + "/"))),
                        allow("ResultsAndFailureRecords", List.of("s3:GetObject", "s3:PutObject"),
                                List.of(bucket.objectsArn(PhotoBucket.RESULTS + env + "/"))),
                        allow("ListAndHeadBucket", List.of("s3:ListBucket"), List.of(bucket.bucket().getBucketArn())),
                        allow("SendJobsAndReadDepths",
                                List.of("sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"),
                                arns(queues.allJobs())),
                        allow("ConsumeDeadLetters",
                                List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueUrl"),
                                arns(queues.allDeadLetters())),
                        allow("FindQueuesByName", List.of("sqs:ListQueues"), List.of("*")),
                        allow("DescribeGenerators", List.of("ec2:DescribeInstances"), List.of("*")),
                        PolicyStatement.Builder.create()
                                .sid("StartAndStopGenerators")
                                .actions(List.of("ec2:StartInstances", "ec2:StopInstances"))
                                .resources(List.of(stack.formatArn(ArnComponents.builder()
                                        .service("ec2").resource("instance").resourceName("*").build())))
                                .conditions(Map.of("StringEquals", Map.of(
                                        "ec2:ResourceTag/" + GeneratorTags.GROUP, groupKeys,
                                        "ec2:ResourceTag/" + GeneratorTags.ENV, env)))
                                .build(),
                        allow("ReadSettings", List.of("secretsmanager:GetSecretValue"),
                                List.of(settings.settingsSecretArn()))))
                .build();
    }

    public Role role() {
        return role;
    }
}
