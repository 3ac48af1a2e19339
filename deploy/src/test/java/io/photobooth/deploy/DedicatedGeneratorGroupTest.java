package io.photobooth.deploy;

import static io.photobooth.deploy.SynthesizedStack.actions;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A catalogue where acme has sketch generators of its own in prod ({@code sketch@acme}, its list an
 * unset placeholder: instances still to be launched) and sketch's model is in S3: the dedicated group
 * reaches acme's sketch queue and objects alone, the shared group no longer reaches them, and the
 * proxies may start and stop both.
 */
class DedicatedGeneratorGroupTest {

    private static SynthesizedStack stack;

    @BeforeAll
    static void synthesize() throws URISyntaxException {
        stack = SynthesizedStack.of(Path.of(DedicatedGeneratorGroupTest.class.getResource("/dedicated-catalogue.yaml").toURI()));
    }

    private static List<String> resourcesOfActions(String group, String actionPrefix) {
        return stack.statementsOfRole(stack.generatorRoleId(group)).stream()
                .filter(statement -> actions(statement).stream().anyMatch(action -> action.startsWith(actionPrefix)))
                .flatMap(statement -> stack.resourcesOf(statement).stream())
                .toList();
    }

    @Test
    void theDedicatedGroupTouchesOnlyItsVendorsQueueAndObjects() {
        assertThat(resourcesOfActions("sketch@acme", "sqs:")).containsExactlyInAnyOrder("queue:prod-acme-sketch", "*");
        assertThat(resourcesOfActions("sketch@acme", "s3:"))
                .contains("bucket/uploads/prod/acme/*", "bucket/results/prod/acme/*")
                .noneMatch(resource -> resource.contains("/demo/"));
    }

    @Test
    void theSharedGroupServesTheOtherVendorsOnly() {
        assertThat(resourcesOfActions("sketch", "sqs:")).containsExactlyInAnyOrder("queue:prod-demo-sketch", "*");
        assertThat(resourcesOfActions("sketch", "s3:")).noneMatch(resource -> resource.contains("/acme/"));
    }

    @Test
    void everyGroupLaunchesItsConceptsInstanceTypeAndReadsTheModelsInS3() {
        assertThat(stack.launchTemplateData("sketch@acme").get("InstanceType")).isEqualTo("g5.xlarge");
        assertThat(stack.launchTemplateData("toon").get("InstanceType")).isEqualTo("g4dn.xlarge");
        assertThat(resourcesOfActions("toon", "s3:GetObject"))
                .contains("arn:${AWS::Partition}:s3:::photobooth-models/sketch/v2/*");
        stack.template.hasResourceProperties("AWS::SQS::Queue", Map.of("QueueName", "prod-demo-toon",
                "VisibilityTimeout", 240));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theProxiesMayStartAndStopTheDedicatedGroup() {
        Map<String, Object> startStop = stack.resources("AWS::IAM::Policy").values().stream()
                .flatMap(policy -> ((List<Map<String, Object>>) ((Map<String, Object>) SynthesizedStack.properties(policy)
                        .get("PolicyDocument")).get("Statement")).stream())
                .filter(statement -> actions(statement).contains("ec2:StartInstances"))
                .findFirst().orElseThrow();
        Map<String, Object> tags = (Map<String, Object>) ((Map<String, Object>) startStop.get("Condition"))
                .get("StringEquals");
        assertThat((List<String>) tags.get("ec2:ResourceTag/photobooth:generator-group"))
                .containsExactlyInAnyOrder("sketch@acme", "sketch", "toon");
        assertThat(SynthesizedStack.instanceTags(stack.launchTemplateData("sketch@acme")))
                .containsEntry("photobooth:generator-group", "sketch@acme");
    }
}
