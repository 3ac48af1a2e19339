package io.photobooth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.Environment;

/**
 * {@code cdk synth} where the CLI knows no region (no {@code CDK_DEFAULT_REGION}): the app's stack
 * has no fixed account or region, and the template takes them from the deployment
 * ({@code AWS::Region}). The generators' launch templates still name the AMI of the context.
 */
class EnvironmentAgnosticStackTest {

    @Test
    void aStackWithoutAccountAndRegionSynthesizesWithTheGeneratorAmi() {
        SynthesizedStack stack = SynthesizedStack.of(Path.of("..", "application.yaml"), Environment.builder().build());
        assertThat(stack.launchTemplateData("sketch").get("ImageId")).isEqualTo("ami-0123456789abcdef0");
        stack.template.resourceCountIs("AWS::EC2::LaunchTemplate", 3);
        assertThat(stack.userData("sketch")).contains("AWS_REGION=${AWS::Region}");
    }
}
