package io.photobooth.deploy;

import io.photobooth.catalogue.PhotoboothProperties;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * One environment of the photobooth on AWS ({@code photobooth-{env}}): the bucket, the jobs queues
 * and their dead-letter queues of every (vendor, concept) pair of the catalogue, the proxies' role,
 * and a role and launch template per generator group. Redis, PostgreSQL, the network and the
 * proxies' service are set up beside it (docs/deploy.md).
 */
public class PhotoboothStack extends Stack {

    public PhotoboothStack(Construct scope, String id, StackProps props, PhotoboothProperties catalogue,
            DeploySettings settings) {
        super(scope, id, props);
        PhotoBucket bucket = new PhotoBucket(this, "Photos", settings);
        JobQueues queues = new JobQueues(this, "Queues", catalogue);
        ProxyAccess proxy = new ProxyAccess(this, "Proxy", catalogue, bucket, queues, settings);
        Construct generators = new Construct(this, "Generators");
        catalogue.generatorGroups().forEach(group -> {
            GeneratorGroupLaunch launch = new GeneratorGroupLaunch(generators, group, catalogue, bucket, queues,
                    settings);
            CfnOutput.Builder.create(launch, "LaunchTemplateId")
                    .description("launch template of generator group " + group.key())
                    .value(launch.launchTemplate().getLaunchTemplateId())
                    .build();
        });
        CfnOutput.Builder.create(this, "BucketName").description("PHOTOBOOTH_BUCKET")
                .value(bucket.bucket().getBucketName()).build();
        CfnOutput.Builder.create(this, "ProxyRoleArn").description("the proxies' task role or instance role")
                .value(proxy.role().getRoleArn()).build();
    }

    /** The stack's id and name: {@code photobooth-{env}}. */
    public static String idOf(String env) {
        return "photobooth-" + env;
    }
}
