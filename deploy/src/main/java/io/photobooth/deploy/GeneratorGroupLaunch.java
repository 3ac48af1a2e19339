package io.photobooth.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * What the instances of one generator group are launched from: a role (through its instance profile)
 * that reaches only the group's queues and its vendors' uploads and results, and a launch template
 * with the concept's instance type, the generator AMI, IMDSv2 required, the user data that starts
 * the service, and the tags ({@link GeneratorTags}) by which the proxies may start and stop them.
 */
public class GeneratorGroupLaunch extends Construct {

    private final Role role;
    private final LaunchTemplate launchTemplate;

    public GeneratorGroupLaunch(Construct scope, GeneratorGroup group, PhotoboothProperties catalogue,
            PhotoBucket bucket, JobQueues queues, DeploySettings settings) {
        super(scope, group.key());
        String env = catalogue.env();
        String region = Stack.of(this).getRegion();
        role = Role.Builder.create(this, "Role")
                .description("Photobooth generator group " + group.key() + " of " + env)
                .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                .build();
        Policy.Builder.create(this, "Policy")
                .roles(List.of(role))
                .statements(statements(group, catalogue, bucket, queues, settings))
                .build();
        launchTemplate = LaunchTemplate.Builder.create(this, "LaunchTemplate")
                .launchTemplateName("photobooth-" + env + "-" + group.key().replace(GeneratorGroup.VENDOR_SEPARATOR, "-"))
                .instanceType(new InstanceType(instanceType(group, catalogue)))
                .machineImage(new GeneratorImage(settings.generatorAmi()))
                .role(role)
                .requireImdsv2(true)
                .userData(GeneratorUserData.of(group, env, bucket.bucket().getBucketName(), region,
                        settings.settingsSecretArn()))
                .build();
        Tags.of(launchTemplate).add(GeneratorTags.GROUP, group.key());
        Tags.of(launchTemplate).add(GeneratorTags.ENV, env);
    }

    private static String instanceType(GeneratorGroup group, PhotoboothProperties catalogue) {
        String type = catalogue.concepts().get(group.concept()).generators().instanceType();
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("concept " + group.concept()
                    + " has no photobooth.concepts." + group.concept() + ".generators.instance-type");
        }
        return type;
    }

    private static List<PolicyStatement> statements(GeneratorGroup group, PhotoboothProperties catalogue,
            PhotoBucket bucket, JobQueues queues, DeploySettings settings) {
        String env = catalogue.env();
        String partition = Stack.of(bucket).getPartition();
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(PolicyStatements.allow("ConsumeGroupJobs",
                List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl"),
                group.queues().stream().map(queue -> queues.jobs(queue).getQueueArn()).toList()));
        statements.add(PolicyStatements.allow("FindQueuesByName", List.of("sqs:ListQueues"), List.of("*")));
        statements.add(PolicyStatements.allow("ReadGroupUploads", List.of("s3:GetObject"),
                vendorObjects(bucket, PhotoBucket.UPLOADS, env, group)));
        statements.add(PolicyStatements.allow("WriteGroupResults", List.of("s3:PutObject"),
                vendorObjects(bucket, PhotoBucket.RESULTS, env, group)));
        statements.add(PolicyStatements.allow("HeadBucket", List.of("s3:ListBucket"), List.of(bucket.bucket().getBucketArn())));
        // the generator loads every concept's model at start-up, not only its group's
        catalogue.concepts().values().stream()
                .flatMap(concept -> ModelLocation.of(concept.model()).stream())
                .distinct()
                .forEach(model -> {
                    statements.add(PolicyStatement.Builder.create()
                            .actions(List.of("s3:ListBucket"))
                            .resources(List.of(model.bucketArn(partition)))
                            .conditions(Map.of("StringLike", Map.of("s3:prefix", model.prefix() + "/*")))
                            .build());
                    statements.add(PolicyStatement.Builder.create()
                            .actions(List.of("s3:GetObject"))
                            .resources(List.of(model.objectsArn(partition)))
                            .build());
                });
        statements.add(PolicyStatements.allow("ReadSettings", List.of("secretsmanager:GetSecretValue"),
                List.of(settings.settingsSecretArn())));
        return statements;
    }

    private static List<String> vendorObjects(PhotoBucket bucket, String area, String env, GeneratorGroup group) {
        return group.vendors().stream().map(vendor -> bucket.objectsArn(area + env + "/" + vendor + "/")).toList();
    }

    public LaunchTemplate launchTemplate() {
        return launchTemplate;
    }
}
