package io.photobooth.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Optional;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.Aws;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.component.aws2.s3.AWS2S3Configuration;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS clients of {@code photobooth.aws}: the SDK's region chain when no region is configured
 * (here its first link, the {@code aws.region} system property, which stands in for
 * {@code AWS_REGION}), every client behind an endpoint override, and the aws2-s3 component's
 * server-side encryption.
 */
class AwsClientsConfigurationTest {

    private static final String CHAIN_REGION = "aws.region";
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:9");

    private final AwsClientsConfiguration configuration = new AwsClientsConfiguration();
    private String regionBefore;

    @BeforeEach
    void regionOfTheChain() {
        regionBefore = System.getProperty(CHAIN_REGION);
        System.setProperty(CHAIN_REGION, "eu-west-1");
    }

    @AfterEach
    void restoreRegion() {
        if (regionBefore == null) {
            System.clearProperty(CHAIN_REGION);
        } else {
            System.setProperty(CHAIN_REGION, regionBefore);
        }
    }

    @Test
    void clientsTakeTheRegionOfTheSdkChainWhenNoneIsConfigured() {
        PhotoboothProperties properties = properties(aws(Optional.empty(), Optional.empty()));

        try (S3Client s3 = configuration.s3Client(properties);
                SqsClient sqs = configuration.sqsClient(properties);
                Ec2Client ec2 = configuration.ec2Client(properties);
                S3Presigner presigner = configuration.s3Presigner(properties)) {
            assertThat(s3.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(sqs.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(ec2.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(presignedGet(presigner).getHost()).isEqualTo("photos.s3.eu-west-1.amazonaws.com");
        }
    }

    @Test
    void aConfiguredRegionWinsOverTheSdkChain() {
        PhotoboothProperties properties = properties(aws(Optional.of("ap-southeast-2"), Optional.empty()));

        try (S3Client s3 = configuration.s3Client(properties);
                SqsClient sqs = configuration.sqsClient(properties);
                Ec2Client ec2 = configuration.ec2Client(properties);
                S3Presigner presigner = configuration.s3Presigner(properties)) {
            assertThat(s3.serviceClientConfiguration().region()).isEqualTo(Region.AP_SOUTHEAST_2);
            assertThat(sqs.serviceClientConfiguration().region()).isEqualTo(Region.AP_SOUTHEAST_2);
            assertThat(ec2.serviceClientConfiguration().region()).isEqualTo(Region.AP_SOUTHEAST_2);
            assertThat(presignedGet(presigner).getHost()).isEqualTo("photos.s3.ap-southeast-2.amazonaws.com");
        }
    }

    @Test
    void everyClientAndThePresignerUseTheirEndpointOverride() {
        PhotoboothProperties properties = properties(aws(Optional.empty(), Optional.of(ENDPOINT)));

        try (S3Client s3 = configuration.s3Client(properties);
                SqsClient sqs = configuration.sqsClient(properties);
                Ec2Client ec2 = configuration.ec2Client(properties);
                S3Presigner presigner = configuration.s3Presigner(properties)) {
            assertThat(s3.serviceClientConfiguration().endpointOverride()).contains(ENDPOINT);
            assertThat(sqs.serviceClientConfiguration().endpointOverride()).contains(ENDPOINT);
            assertThat(ec2.serviceClientConfiguration().endpointOverride()).contains(ENDPOINT);
            assertThat(presignedGet(presigner).toString()).as("path-style, at the override")
                    .startsWith("http://127.0.0.1:9/photos/results/1.jpg?");
        }
    }

    @Test
    void s3WritesAskForSseS3ByDefault() throws Exception {
        AWS2S3Configuration s3 = customized(new Aws(null, null, null, null, null, null, Aws.SSE_S3, null));

        assertThat(s3.isUseSSES3()).isTrue();
        assertThat(s3.isUseAwsKMS()).isFalse();
    }

    @Test
    void s3WritesAskForSseKmsWithTheConfiguredKey() throws Exception {
        AWS2S3Configuration s3 = customized(
                new Aws(null, null, null, null, null, null, Aws.SSE_KMS, Optional.of("alias/photobooth")));

        assertThat(s3.isUseAwsKMS()).isTrue();
        assertThat(s3.getAwsKMSKeyId()).isEqualTo("alias/photobooth");
        assertThat(s3.isUseSSES3()).isFalse();
    }

    @Test
    void s3WritesAskForNoEncryptionWhenNone() throws Exception {
        AWS2S3Configuration s3 = customized(new Aws(null, null, null, null, null, null, Aws.SSE_NONE, null));

        assertThat(s3.isUseSSES3()).isFalse();
        assertThat(s3.isUseAwsKMS()).isFalse();
    }

    private static AWS2S3Configuration customized(Aws aws) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            AWS2S3Component component = new AWS2S3Component(camel);
            AwsClientsConfiguration.serverSideEncryption(aws).configure("aws2-s3", component);
            return component.getConfiguration();
        }
    }

    private static Aws aws(Optional<String> region, Optional<URI> endpoint) {
        return new Aws(region, endpoint, endpoint, endpoint, Optional.of("key"), Optional.of("secret"), Aws.SSE_S3,
                Optional.empty());
    }

    private static URL presignedGet(S3Presigner presigner) {
        return presigner.presignGetObject(presign -> presign.signatureDuration(Duration.ofMinutes(1))
                .getObjectRequest(get -> get.bucket("photos").key("results/1.jpg"))).url();
    }

    private static PhotoboothProperties properties(Aws aws) {
        PhotoboothProperties test = TestCatalogue.properties();
        return new PhotoboothProperties(test.env(), test.roles(), test.bucket(), test.modelsDir(), test.kiosk(),
                test.vendors(), test.concepts(), test.generator(), test.fleet(), aws, test.endpoints(), test.local(),
                test.proxyId(), test.callbacks());
    }
}
