package io.photobooth.bench.e2e;

import java.net.URI;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK and Redis clients built as the service builds its own ({@code AwsClientsConfiguration}), on a stack's servers. */
public final class Clients implements AutoCloseable {

    public static final String BUCKET = "photobooth-local";

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local-access-key", "local-secret-key"));

    public final S3Client s3;
    public final S3Presigner presigner;
    public final SqsClient sqs;
    public final RedisClient redis;

    public Clients(ServiceStack stack) {
        URI s3Endpoint = URI.create(stack.s3Endpoint());
        s3 = S3Client.builder()
                .credentialsProvider(CREDENTIALS)
                .region(Region.US_EAST_1)
                .endpointOverride(s3Endpoint)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        presigner = S3Presigner.builder()
                .credentialsProvider(CREDENTIALS)
                .region(Region.US_EAST_1)
                .endpointOverride(s3Endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
        sqs = SqsClient.builder()
                .credentialsProvider(CREDENTIALS)
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(stack.sqsEndpoint()))
                .build();
        redis = RedisClient.create(RedisURI.create("127.0.0.1", stack.redisPort()));
    }

    @Override
    public void close() {
        s3.close();
        presigner.close();
        sqs.close();
        redis.shutdown();
    }
}
