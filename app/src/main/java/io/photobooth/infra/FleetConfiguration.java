package io.photobooth.infra;

import java.util.Map;
import java.util.TreeMap;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.fleet.GeneratorGroups;
import io.photobooth.fleet.GeneratorStates;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The generator groups of the catalogue, which both roles use, and {@code generatorFleet} in
 * {@code /actuator/health}: the shared state of each group ({@code STOPPED}, {@code STARTING},
 * {@code READY}, {@code STOPPING}), where this process is a proxy.
 */
@Configuration(proxyBeanMethods = false)
public class FleetConfiguration {

    @Bean
    GeneratorGroups generatorGroups(PhotoboothProperties properties) {
        return new GeneratorGroups(properties);
    }

    @Bean
    HealthIndicator generatorFleet(GeneratorGroups groups, ObjectProvider<GeneratorStates> states) {
        return () -> {
            Map<String, Object> details = new TreeMap<>();
            states.ifAvailable(shared -> groups.all().forEach(group -> details.put(group.key(),
                    shared.state(group.key()))));
            return Health.up().withDetails(details).build();
        };
    }
}
