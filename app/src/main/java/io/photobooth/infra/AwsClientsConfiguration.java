package io.photobooth.infra;

import java.time.Clock;
import java.util.Optional;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.Aws;

import org.apache.camel.Ordered;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.component.aws2.s3.AWS2S3Configuration;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.serializer.StringRedisSerializer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS SDK clients the Camel aws2 components autowire, built from {@code photobooth.aws}: the
 * SDK's default region chain unless a region is configured, its default credential chain unless
 * static keys are configured, and endpoint overrides for the embedded servers, emulators and VPC
 * endpoints (S3 then path-style, for the client and the presigner alike). Checksums are computed
 * only where S3 requires them, which S3-compatible servers need and AWS accepts. Every object the
 * service writes through {@code aws2-s3} carries the configured server-side encryption.
 */
@Configuration(proxyBeanMethods = false)
public class AwsClientsConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Completion events travel on Redis as plain JSON strings. */
    @Bean
    StringRedisSerializer redisStringSerializer() {
        return new StringRedisSerializer();
    }

    /**
     * The aws2-s3 component's settings, which every endpoint copies: its puts (results, failure
     * records) ask S3 for {@code photobooth.aws.server-side-encryption}. It runs after the
     * starter's own customizer, which copies every {@code camel.component.aws2-s3.*} setting, its
     * defaults included, and would otherwise switch the encryption off again.
     */
    @Bean
    ComponentCustomizer s3ServerSideEncryption(PhotoboothProperties properties) {
        return serverSideEncryption(properties.aws());
    }

    static ComponentCustomizer serverSideEncryption(Aws aws) {
        return ComponentCustomizer.builder(AWS2S3Component.class).withOrder(Ordered.LOWEST).build(component -> {
            AWS2S3Configuration configuration = component.getConfiguration();
            switch (aws.serverSideEncryption()) {
                case Aws.SSE_S3 -> configuration.setUseSSES3(true);
                case Aws.SSE_KMS -> {
                    configuration.setUseAwsKMS(true);
                    configuration.setAwsKMSKeyId(aws.kmsKeyId().orElseThrow());
                }
                default -> configuration.setUseSSES3(false); // none: the bucket's default encryption applies
            }
        });
    }

    @Bean(destroyMethod = "close")
    S3Client s3Client(PhotoboothProperties properties) {
        Aws aws = properties.aws();
        var builder = S3Client.builder()
                .credentialsProvider(credentials(aws))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .forcePathStyle(aws.s3Endpoint().isPresent());
        aws.s3Endpoint().ifPresent(builder::endpointOverride);
        region(aws).ifPresent(builder::region);
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(PhotoboothProperties properties) {
        Aws aws = properties.aws();
        var builder = S3Presigner.builder()
                .credentialsProvider(credentials(aws))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(aws.s3Endpoint().isPresent())
                        .build());
        aws.s3Endpoint().ifPresent(builder::endpointOverride);
        region(aws).ifPresent(builder::region);
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    SqsClient sqsClient(PhotoboothProperties properties) {
        Aws aws = properties.aws();
        var builder = SqsClient.builder()
                .credentialsProvider(credentials(aws));
        aws.sqsEndpoint().ifPresent(builder::endpointOverride);
        region(aws).ifPresent(builder::region);
        return builder.build();
    }

    /** The generator instances' EC2 API; the {@code local} profile's stand-in needs none, so nothing calls it there. */
    @Bean(destroyMethod = "close")
    Ec2Client ec2Client(PhotoboothProperties properties) {
        Aws aws = properties.aws();
        var builder = Ec2Client.builder()
                .credentialsProvider(credentials(aws));
        aws.ec2Endpoint().ifPresent(builder::endpointOverride);
        region(aws).ifPresent(builder::region);
        return builder.build();
    }

    /** The configured region; empty leaves it to the SDK's default region chain. */
    private static Optional<Region> region(Aws aws) {
        return aws.region().map(Region::of);
    }

    private static AwsCredentialsProvider credentials(Aws aws) {
        if (aws.accessKeyId().isPresent() && aws.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(aws.accessKeyId().get(), aws.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
