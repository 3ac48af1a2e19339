package io.photobooth.proxy.support;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.fleet.GeneratorGroups;
import io.photobooth.fleet.GeneratorState;
import io.photobooth.fleet.GeneratorStates;
import io.photobooth.kiosk.ApiKeys;

import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The infrastructure beans every proxy route slice needs, and nothing that connects anywhere:
 * Camel's own auto-configuration only (no DataSource, Redis, web server or AWS client
 * auto-configuration), {@link PhotoboothProperties} bound from {@code src/test/resources/application.yaml},
 * an offline {@link S3Presigner} (presigning is local signing, no network), a fixed {@link Clock},
 * an empty API key store, an offline {@link SqsClient}, the catalogue's generator groups, all stopped.
 *
 * <p>A test imports this plus {@code ProxyConfiguration} (the real processor beans) and only the
 * route builders it exercises.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(CamelAutoConfiguration.class)
@EnableConfigurationProperties(PhotoboothProperties.class)
public class ProxyRouteTestBeans {

    public static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

    @Bean
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner() {
        return S3Presigner.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /** Keys come from the test configuration only. */
    @Bean
    ApiKeys.Store apiKeyStore() {
        return keyHash -> Optional.empty();
    }

    /** Never called: the queue depth check is advised away where its route is tested. */
    @Bean(destroyMethod = "close")
    SqsClient sqsClient() {
        return SqsClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .build();
    }

    @Bean
    GeneratorGroups generatorGroups(PhotoboothProperties properties) {
        return new GeneratorGroups(properties);
    }

    /** Every generator group is stopped. */
    @Bean
    GeneratorStates generatorStates() {
        return group -> GeneratorState.STOPPED;
    }
}
