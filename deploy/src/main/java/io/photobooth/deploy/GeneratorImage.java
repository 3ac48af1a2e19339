package io.photobooth.deploy;

import software.amazon.awscdk.services.ec2.IMachineImage;
import software.amazon.awscdk.services.ec2.MachineImageConfig;
import software.amazon.awscdk.services.ec2.OperatingSystemType;
import software.amazon.awscdk.services.ec2.UserData;
import software.constructs.Construct;

/**
 * The generator AMI of the context ({@code generatorAmi}), whatever the stack's region.
 * {@code MachineImage.genericLinux(Map.of(region, ami))} needs a region known at synth: in an
 * environment-agnostic stack (no {@code CDK_DEFAULT_REGION}) the region is the token
 * {@code AWS::Region}, which cannot key the AMI map, and the synth fails (KeyMustResolveToString).
 * An AMI belongs to one region: the stack is deployed in the region where the AMI was created (in
 * another, no instance can be launched from the templates: {@code InvalidAMIID.NotFound}).
 */
final class GeneratorImage implements IMachineImage {

    private final String amiId;

    GeneratorImage(String amiId) {
        this.amiId = amiId;
    }

    @Override
    public MachineImageConfig getImage(Construct scope) {
        return MachineImageConfig.builder()
                .imageId(amiId)
                .osType(OperatingSystemType.LINUX)
                .userData(UserData.forLinux())
                .build();
    }
}
