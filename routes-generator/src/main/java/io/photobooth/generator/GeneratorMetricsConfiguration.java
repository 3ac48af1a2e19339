package io.photobooth.generator;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.photobooth.conversion.ConversionMetrics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The worker route's meters, in the registry Spring Boot provides. */
@Configuration(proxyBeanMethods = false)
@GeneratorRole
public class GeneratorMetricsConfiguration {

    @Bean
    ConversionMetrics conversionMetrics(MeterRegistry registry, Clock clock) {
        return new ConversionMetrics(registry, clock);
    }
}
