package io.photobooth.infra;

import io.photobooth.catalogue.PhotoboothProperties;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Health of the two AWS services every role depends on, as {@code s3} and {@code sqs} in
 * {@code /actuator/health} (Spring Boot adds {@code db} and {@code redis}, Camel adds {@code camelHealth}).
 */
@Configuration(proxyBeanMethods = false)
public class StorageHealthIndicators {

    @Bean
    HealthIndicator s3(S3Client s3, PhotoboothProperties properties) {
        return () -> {
            s3.headBucket(head -> head.bucket(properties.bucket()));
            return Health.up().withDetail("bucket", properties.bucket()).build();
        };
    }

    @Bean
    HealthIndicator sqs(SqsClient sqs, PhotoboothProperties properties) {
        return () -> Health.up()
                .withDetail("queues", sqs.listQueues(list -> list.queueNamePrefix(properties.env() + "-"))
                        .queueUrls().size())
                .build();
    }
}
