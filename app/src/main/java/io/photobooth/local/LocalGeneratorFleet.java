package io.photobooth.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.fleet.GeneratorFleet;
import io.photobooth.fleet.GeneratorState;
import io.photobooth.generator.ConversionWorkerRoutes;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Stands in for EC2 in the {@code local} profile: a concept's "instances" are its conversion-worker
 * routes in this JVM. Starting resumes them after the configured boot delay, as a booting GPU
 * instance would; stopping suspends them. Concurrent starts of a starting concept do nothing.
 * The state of each concept is visible in {@code GET /api/v1/concepts} and as
 * {@code generatorFleet} in {@code /actuator/health}.
 */
@Component("generatorFleet")
@Profile("local")
public class LocalGeneratorFleet implements GeneratorFleet, HealthIndicator, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(LocalGeneratorFleet.class);

    private final CamelContext camel;
    private final PhotoboothProperties properties;
    private final Duration bootDelay;
    private final Map<String, GeneratorState> states = new ConcurrentHashMap<>();
    private final ScheduledExecutorService boots = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("local-generator-boot").daemon().factory());

    public LocalGeneratorFleet(CamelContext camel, PhotoboothProperties properties) {
        this.camel = camel;
        this.properties = properties;
        this.bootDelay = properties.local().bootDelay();
        properties.concepts().keySet().forEach(concept -> states.put(concept, GeneratorState.STOPPED));
    }

    @Override
    public GeneratorState start(String concept) {
        AtomicBoolean booting = new AtomicBoolean();
        GeneratorState state = states.computeIfPresent(concept, (name, current) -> {
            if (current != GeneratorState.STOPPED) {
                return current;
            }
            booting.set(true);
            return GeneratorState.STARTING;
        });
        if (state == null) {
            throw new IllegalArgumentException("unknown concept " + concept);
        }
        if (booting.get()) {
            LOG.info("Starting the local generators of {} (boot delay {})", concept, bootDelay);
            boots.schedule(() -> boot(concept), bootDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
        return state;
    }

    private void boot(String concept) {
        if (states.get(concept) != GeneratorState.STARTING) {
            return;
        }
        try {
            for (String routeId : routeIds(concept)) {
                if (camel.getRouteController().getRouteStatus(routeId) == ServiceStatus.Suspended) {
                    camel.getRouteController().resumeRoute(routeId);
                } else {
                    camel.getRouteController().startRoute(routeId);
                }
            }
            states.replace(concept, GeneratorState.STARTING, GeneratorState.RUNNING);
            LOG.info("Local generators of {} are running", concept);
        } catch (Exception e) {
            states.replace(concept, GeneratorState.STARTING, GeneratorState.STOPPED);
            LOG.error("Local generators of {} did not start", concept, e);
        }
    }

    @Override
    public GeneratorState stop(String concept) {
        states.put(concept, GeneratorState.STOPPING);
        try {
            for (String routeId : routeIds(concept)) {
                camel.getRouteController().suspendRoute(routeId);
            }
            states.put(concept, GeneratorState.STOPPED);
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the local generators of " + concept, e);
        }
        return GeneratorState.STOPPED;
    }

    @Override
    public GeneratorState state(String concept) {
        return states.getOrDefault(concept, GeneratorState.STOPPED);
    }

    private List<String> routeIds(String concept) {
        return properties.vendorConcepts().stream()
                .filter(queue -> queue.concept().equals(concept))
                .map(queue -> ConversionWorkerRoutes.routeId(properties.env(), queue))
                .filter(routeId -> camel.getRoute(routeId) != null)
                .toList();
    }

    @Override
    public Health health() {
        return Health.up().withDetails(Map.copyOf(states)).build();
    }

    @Override
    public void destroy() {
        boots.shutdownNow();
    }
}
