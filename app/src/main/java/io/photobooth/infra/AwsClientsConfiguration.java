package io.photobooth.infra;

import java.time.Clock;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.Aws;

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
 * default credential chain unless static keys are configured, and endpoint overrides for the
 * embedded servers and emulators. Checksums are computed only where S3 requires them, which
 * S3-compatible servers need and AWS accepts.
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

    @Bean(destroyMethod = "close")
    S3Client s3Client(PhotoboothProperties properties) {
        Aws aws = properties.aws();
        var builder = S3Client.builder()
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .forcePathStyle(aws.s3Endpoint().isPresent());
        aws.s3Endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(PhotoboothProperties properties) {
        Aws aws = properties.aws();
        var builder = S3Presigner.builder()
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(aws.s3Endpoint().isPresent())
                        .build());
        aws.s3Endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    SqsClient sqsClient(PhotoboothProperties properties) {
        Aws aws = properties.aws();
        var builder = SqsClient.builder()
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws));
        aws.sqsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The generator instances' EC2 API; the {@code local} profile's stand-in needs none, so nothing calls it there. */
    @Bean(destroyMethod = "close")
    Ec2Client ec2Client(PhotoboothProperties properties) {
        Aws aws = properties.aws();
        var builder = Ec2Client.builder()
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws));
        aws.ec2Endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(Aws aws) {
        if (aws.accessKeyId().isPresent() && aws.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(aws.accessKeyId().get(), aws.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
