package io.photobooth.generator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.fleet.GeneratorGroups;

import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The worker route tests' application: the worker template, the real generator processors (and
 * model), its meters in a {@link SimpleMeterRegistry} and a clock fixed at {@link #NOW}. Each test
 * class advises the route before it starts the context, so each class gets a context of its own
 * ({@code @DirtiesContext}).
 */
@SpringBootConfiguration
@ImportAutoConfiguration(CamelAutoConfiguration.class)
@EnableConfigurationProperties(PhotoboothProperties.class)
@Import({GeneratorConfiguration.class, GeneratorMetricsConfiguration.class, ConversionWorkerRoutes.class})
class WorkerRouteSlice {

    static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

    @Bean
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean
    SimpleMeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    GeneratorGroups generatorGroups(PhotoboothProperties properties) {
        return new GeneratorGroups(properties);
    }
}
