package io.photobooth.local;

import java.io.IOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.Local;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The {@code local} profile's infrastructure, started in-process while the application context is
 * built, that is before any Camel route starts: ElasticMQ (SQS), S3Proxy (S3), Redis and PostgreSQL
 * (whose data directory survives restarts), plus the catalogue's queues. With
 * {@code photobooth.local.embedded-servers=false} none of it exists: the process uses the servers of
 * another local process on the configured ports, and Spring Boot builds the DataSource from
 * {@code spring.datasource.*}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
@ConditionalOnProperty(prefix = "photobooth.local", name = "embedded-servers", havingValue = "true",
        matchIfMissing = true)
public class LocalInfrastructureConfiguration {

    /** Marks that the catalogue's queues exist; routes that use SQS start after it. */
    public record ProvisionedQueues(int count) {
    }

    @Bean(destroyMethod = "close")
    EmbeddedSqs embeddedSqs(PhotoboothProperties properties) {
        return new EmbeddedSqs(properties.local().sqsPort());
    }

    @Bean
    ProvisionedQueues provisionedQueues(EmbeddedSqs sqsServer, SqsClient sqs, PhotoboothProperties properties) {
        return new ProvisionedQueues(LocalQueues.create(sqs, properties));
    }

    @Bean(destroyMethod = "close")
    EmbeddedS3 embeddedS3(PhotoboothProperties properties) {
        Local local = properties.local();
        return new EmbeddedS3(local.dataDir(), local.s3Port(), properties.bucket(),
                properties.aws().accessKeyId().orElseThrow(), properties.aws().secretAccessKey().orElseThrow(),
                local.corsOrigins());
    }

    @Bean(destroyMethod = "close")
    EmbeddedRedis embeddedRedis(PhotoboothProperties properties) {
        return new EmbeddedRedis(properties.local().dataDir(), properties.local().redisPort());
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgreSql embeddedPostgreSql(PhotoboothProperties properties) throws IOException {
        return new EmbeddedPostgreSql(properties.local().dataDir(), properties.local().postgresPort());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgreSql postgres, EmbeddedRedis redis, EmbeddedS3 s3,
            ProvisionedQueues queues) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl("postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(10);
        dataSource.setPoolName("photobooth-local");
        return dataSource;
    }
}
