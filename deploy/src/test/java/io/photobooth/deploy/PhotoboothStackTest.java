package io.photobooth.deploy;

import static io.photobooth.deploy.SynthesizedStack.actions;
import static io.photobooth.deploy.SynthesizedStack.instanceTags;
import static io.photobooth.deploy.SynthesizedStack.properties;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import software.amazon.awscdk.assertions.Match;

/**
 * The stack of the real catalogue ({@code application.yaml} at the repository root), synthesized once
 * for {@code prod}: every queue the file's vendors sell has its dead-letter queue, the bucket is
 * private and encrypted, the sketch generators reach only the sketch queues, the proxies start and
 * stop only tagged generators, and the launch templates require IMDSv2.
 */
class PhotoboothStackTest {

    private static final Path CATALOGUE = Path.of("..", "application.yaml");

    private static SynthesizedStack stack;

    @BeforeAll
    static void synthesize() {
        stack = SynthesizedStack.of(CATALOGUE);
    }

    /** {env}-{vendor}-{concept} of every vendor's concept, read from the file with a plain YAML parser. */
    @SuppressWarnings("unchecked")
    private static List<String> soldQueues() throws IOException {
        try (Reader reader = Files.newBufferedReader(CATALOGUE)) {
            Map<String, Object> first = (Map<String, Object>) new Yaml().loadAll(reader).iterator().next();
            Map<String, Map<String, Object>> vendors = (Map<String, Map<String, Object>>)
                    ((Map<String, Object>) first.get("photobooth")).get("vendors");
            List<String> queues = new ArrayList<>();
            vendors.forEach((vendor, settings) -> ((List<String>) settings.get("concepts"))
                    .forEach(concept -> queues.add("prod-" + vendor + "-" + concept)));
            return queues;
        }
    }

    @Test
    void everyQueueOfTheCatalogueHasItsDeadLetterQueueAfterThreeReceives() throws IOException {
        List<String> sold = soldQueues();
        assertThat(sold).contains("prod-demo-sketch", "prod-demo-watercolor", "prod-acme-toon");
        Map<String, String> queueIds = stack.queueIdsByName();
        List<String> expected = new ArrayList<>(sold);
        sold.forEach(queue -> expected.add(queue + "-dlq"));
        assertThat(queueIds.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        sold.forEach(queue -> stack.template.hasResourceProperties("AWS::SQS::Queue", Match.objectEquals(Map.of(
                "QueueName", queue,
                "VisibilityTimeout", 120,
                "SqsManagedSseEnabled", true,
                "RedrivePolicy", Map.of(
                        "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(queueIds.get(queue + "-dlq"), "Arn")),
                        "maxReceiveCount", 3)))));
    }

    @Test
    void theBucketIsPrivateEncryptedOverTlsWithKioskCorsAndExpiringUploadsAndResults() {
        stack.template.resourceCountIs("AWS::S3::Bucket", 1);
        stack.template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "PublicAccessBlockConfiguration", Map.of(
                        "BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "CorsConfiguration", Map.of("CorsRules", List.of(Match.objectLike(Map.of(
                        "AllowedOrigins", List.of("https://photos.example.com"),
                        "AllowedMethods", Match.arrayWith(List.of("PUT", "GET", "HEAD")),
                        "ExposedHeaders", List.of("ETag"))))),
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Prefix", "uploads/", "ExpirationInDays", 1, "Status", "Enabled")),
                        Match.objectLike(Map.of("Prefix", "results/", "ExpirationInDays", 7, "Status", "Enabled")))))));
        stack.template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Principal", Map.of("AWS", "*"),
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void theSketchGeneratorsReachTheSketchQueuesOfEveryVendorAndNoOtherQueue() {
        List<Map<String, Object>> statements = stack.statementsOfRole(stack.generatorRoleId("sketch"));
        List<String> queues = statements.stream()
                .filter(statement -> actions(statement).contains("sqs:ReceiveMessage"))
                .flatMap(statement -> stack.resourcesOf(statement).stream())
                .toList();
        assertThat(queues).containsExactlyInAnyOrder("queue:prod-acme-sketch", "queue:prod-demo-sketch");
        List<String> sqsResources = statements.stream()
                .filter(statement -> actions(statement).stream().anyMatch(action -> action.startsWith("sqs:")))
                .flatMap(statement -> stack.resourcesOf(statement).stream())
                .toList();
        assertThat(sqsResources).noneMatch(resource -> resource.contains("toon") || resource.contains("watercolor")
                || resource.endsWith("-dlq"));
        statements.stream()
                .filter(statement -> stack.resourcesOf(statement).contains("*"))
                .forEach(statement -> assertThat(actions(statement)).containsExactly("sqs:ListQueues"));
    }

    @Test
    void theProxiesStartAndStopOnlyInstancesTaggedAsAGeneratorGroupOfTheEnvironment() {
        List<Map<String, Object>> statements = stack.statementsOfRole(proxyRoleId());
        List<Map<String, Object>> startStop = statements.stream()
                .filter(statement -> actions(statement).stream()
                        .anyMatch(action -> action.equals("ec2:StartInstances") || action.equals("ec2:StopInstances")))
                .toList();
        assertThat(startStop).hasSize(1);
        assertThat(startStop.getFirst().get("Condition")).isEqualTo(Map.of("StringEquals", Map.of(
                "ec2:ResourceTag/photobooth:generator-group", List.of("sketch", "toon", "watercolor"),
                "ec2:ResourceTag/photobooth:env", "prod")));
        assertThat(stack.resourcesOf(startStop.getFirst()))
                .containsExactly("arn:${AWS::Partition}:ec2:eu-west-1:123456789012:instance/*");
        assertThat(statements).filteredOn(statement -> actions(statement).stream().anyMatch(a -> a.startsWith("ec2:")))
                .allSatisfy(statement -> assertThat(actions(statement))
                        .isSubsetOf("ec2:DescribeInstances", "ec2:StartInstances", "ec2:StopInstances"));
        assertThat(instanceTags(stack.launchTemplateData("toon")))
                .containsEntry("photobooth:generator-group", "toon").containsEntry("photobooth:env", "prod");
    }

    @Test
    void theProxiesSendJobsAndConsumeDeadLettersButReceiveNoJobs() throws IOException {
        List<Map<String, Object>> statements = stack.statementsOfRole(proxyRoleId());
        List<String> received = statements.stream()
                .filter(statement -> actions(statement).contains("sqs:ReceiveMessage"))
                .flatMap(statement -> stack.resourcesOf(statement).stream())
                .toList();
        assertThat(received).isNotEmpty().allMatch(queue -> queue.startsWith("queue:") && queue.endsWith("-dlq"));
        List<String> sentTo = statements.stream()
                .filter(statement -> actions(statement).contains("sqs:SendMessage"))
                .flatMap(statement -> stack.resourcesOf(statement).stream())
                .toList();
        assertThat(sentTo).hasSize(soldQueues().size()).noneMatch(queue -> queue.endsWith("-dlq"));
        assertThat(statements).filteredOn(statement -> actions(statement).contains("s3:PutObject"))
                .flatMap(stack::resourcesOf)
                .containsExactlyInAnyOrder("bucket/uploads/prod/*", "bucket/results/prod/*");
    }

    @Test
    void eachGroupLaunchesItsConceptsInstanceTypeWithImdsV2Required() {
        Map<String, Object> sketch = stack.launchTemplateData("sketch");
        assertThat(sketch.get("InstanceType")).isEqualTo("g4dn.xlarge");
        assertThat(sketch.get("ImageId")).isEqualTo("ami-0123456789abcdef0");
        assertThat(sketch.get("MetadataOptions")).isEqualTo(Map.of("HttpTokens", "required"));
        stack.template.resourceCountIs("AWS::EC2::LaunchTemplate", 3);
        stack.resources("AWS::EC2::LaunchTemplate").values().forEach(template -> assertThat(
                ((Map<?, ?>) properties(template).get("LaunchTemplateData")).get("MetadataOptions"))
                .isEqualTo(Map.of("HttpTokens", "required")));
    }

    @Test
    void aGeneratorBootsTheServiceInTheAwsProfileWithItsInstanceIdFromImdsV2() {
        String userData = stack.userData("watercolor");
        assertThat(userData)
                .contains("SPRING_PROFILES_ACTIVE=aws", "PHOTOBOOTH_ROLES_PROXY=false", "PHOTOBOOTH_ENV=prod",
                        "PHOTOBOOTH_BUCKET=${" + stack.resources("AWS::S3::Bucket").keySet().iterator().next() + "}",
                        "PHOTOBOOTH_GENERATOR_DEVICE=gpu", "PHOTOBOOTH_SETTINGS_SECRET=" + SynthesizedStack.SETTINGS.settingsSecretArn())
                .contains("-X PUT http://169.254.169.254/latest/api/token",
                        "X-aws-ec2-metadata-token: $token", "echo \"GENERATOR_INSTANCE_ID=$instance\"")
                .contains("ExecStart=/usr/bin/java -jar /opt/photobooth/photobooth.jar",
                        "systemctl start --no-block photobooth-generator.service");
    }

    private static String proxyRoleId() {
        return stack.resources("AWS::IAM::Role").entrySet().stream()
                .filter(role -> String.valueOf(properties(role.getValue()).get("Description")).startsWith("Photobooth proxy"))
                .map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }
}
