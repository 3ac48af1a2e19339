package io.photobooth.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;
import io.photobooth.generator.ConversionWorkerRoutes;
import io.photobooth.generator.GeneratorHeartbeatRoutes;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.ec2.AWS2EC2Constants;
import org.apache.camel.component.aws2.ec2.AWS2EC2Operations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.StartInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StopInstancesResponse;

/**
 * Stands in for EC2 in the {@code local} profile, behind the same endpoint contract as
 * {@code aws2-ec2} (the {@code CamelAwsEC2Operation} and {@code CamelAwsEC2InstancesIds} headers,
 * the SDK's response types), so the fleet routes run unchanged. Its instances are the catalogue's
 * instances of this environment, hosted in this JVM: starting one makes it {@code pending}, and
 * after the boot delay starts its heartbeat route and its group's worker routes ({@code running});
 * stopping one stops them as a JVM that shuts down does, gracefully: the worker routes finish the
 * jobs they hold ({@code stopping}, then {@code stopped}). As on EC2, a stopping
 * instance cannot be started, and an unknown instance id is an error.
 */
@Component("localGeneratorInstances")
@Profile("local")
public class LocalGeneratorInstances implements Processor, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(LocalGeneratorInstances.class);

    private final CamelContext camel;
    private final PhotoboothProperties properties;
    private final Duration bootDelay;
    private final Map<String, InstanceStateName> states = new TreeMap<>();
    private final ScheduledExecutorService machines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("local-generator-instances").daemon().factory());

    public LocalGeneratorInstances(CamelContext camel, PhotoboothProperties properties) {
        this.camel = camel;
        this.properties = properties;
        this.bootDelay = properties.local().bootDelay();
        properties.generatorGroups().forEach(group -> group.instanceIds()
                .forEach(id -> states.put(id, InstanceStateName.STOPPED)));
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        AWS2EC2Operations operation = in.getHeader(AWS2EC2Constants.OPERATION, AWS2EC2Operations.class);
        Collection<?> ids = in.getHeader(AWS2EC2Constants.INSTANCES_IDS, Collection.class);
        List<String> instanceIds = ids == null ? List.of() : ids.stream().map(String::valueOf).toList();
        switch (operation) {
            case describeInstances -> in.setBody(describe(instanceIds));
            case startInstances -> in.setBody(StartInstancesResponse.builder().startingInstances(start(instanceIds)).build());
            case stopInstances -> in.setBody(StopInstancesResponse.builder().stoppingInstances(stop(instanceIds)).build());
            default -> throw new UnsupportedOperationException("the local generator instances do not " + operation);
        }
    }

    public synchronized InstanceStateName state(String instanceId) {
        return states.get(known(instanceId));
    }

    private synchronized DescribeInstancesResponse describe(List<String> instanceIds) {
        List<Instance> instances = instanceIds.stream()
                .map(id -> Instance.builder().instanceId(id).state(state -> state.name(states.get(known(id)))).build())
                .toList();
        return DescribeInstancesResponse.builder().reservations(Reservation.builder().instances(instances).build()).build();
    }

    /** As EC2's {@code StartInstances}. */
    public synchronized List<InstanceStateChange> start(List<String> instanceIds) {
        instanceIds.forEach(id -> {
            if (states.get(known(id)) == InstanceStateName.STOPPING) {
                throw error("IncorrectInstanceState", "instance " + id + " is stopping and cannot be started");
            }
        });
        List<InstanceStateChange> changes = new ArrayList<>();
        for (String id : instanceIds) {
            InstanceStateName before = states.get(id);
            if (before == InstanceStateName.STOPPED) {
                states.put(id, InstanceStateName.PENDING);
                LOG.info("Starting local generator instance {} (boot delay {})", id, bootDelay);
                machines.schedule(() -> boot(id), bootDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
            changes.add(change(id, before, states.get(id)));
        }
        return changes;
    }

    /** As EC2's {@code StopInstances}. */
    public synchronized List<InstanceStateChange> stop(List<String> instanceIds) {
        instanceIds.forEach(this::known);
        List<InstanceStateChange> changes = new ArrayList<>();
        for (String id : instanceIds) {
            InstanceStateName before = states.get(id);
            if (before == InstanceStateName.RUNNING || before == InstanceStateName.PENDING) {
                states.put(id, InstanceStateName.STOPPING);
                machines.execute(() -> halt(id));
            }
            changes.add(change(id, before, states.get(id)));
        }
        return changes;
    }

    private void boot(String id) {
        synchronized (this) {
            if (states.get(id) != InstanceStateName.PENDING) {
                return;
            }
        }
        try {
            for (String routeId : routeIds(id)) {
                camel.getRouteController().startRoute(routeId);
            }
            setState(id, InstanceStateName.PENDING, InstanceStateName.RUNNING);
            LOG.info("Local generator instance {} is running", id);
        } catch (Exception e) {
            setState(id, InstanceStateName.PENDING, InstanceStateName.STOPPED);
            LOG.error("Local generator instance {} did not start", id, e);
        }
    }

    private void halt(String id) {
        try {
            camel.getRouteController().stopRoute(GeneratorHeartbeatRoutes.routeId(id));
            if (groupOf(id).instanceIds().stream().noneMatch(other -> !other.equals(id) && isUp(other))) {
                for (String routeId : routeIds(id)) {
                    camel.getRouteController().stopRoute(routeId);
                }
            }
        } catch (Exception e) {
            LOG.error("Local generator instance {} did not stop cleanly", id, e);
        }
        setState(id, InstanceStateName.STOPPING, InstanceStateName.STOPPED);
        LOG.info("Local generator instance {} is stopped", id);
    }

    private synchronized boolean isUp(String id) {
        return states.get(id) == InstanceStateName.RUNNING || states.get(id) == InstanceStateName.PENDING;
    }

    private synchronized void setState(String id, InstanceStateName expected, InstanceStateName next) {
        if (states.get(id) == expected) {
            states.put(id, next);
        }
    }

    /** The instance's heartbeat route and its group's worker routes, those this JVM has. */
    private List<String> routeIds(String id) {
        List<String> routeIds = new ArrayList<>();
        routeIds.add(GeneratorHeartbeatRoutes.routeId(id));
        groupOf(id).queues().forEach(queue -> routeIds.add(ConversionWorkerRoutes.routeId(properties.env(), queue)));
        return routeIds.stream().filter(routeId -> camel.getRoute(routeId) != null).toList();
    }

    private GeneratorGroup groupOf(String id) {
        return properties.generatorGroups().stream()
                .filter(group -> group.instanceIds().contains(id))
                .findFirst()
                .orElseThrow();
    }

    private String known(String id) {
        if (!states.containsKey(id)) {
            throw error("InvalidInstanceID.NotFound", "the instance ID '" + id + "' does not exist");
        }
        return id;
    }

    private static InstanceStateChange change(String id, InstanceStateName before, InstanceStateName after) {
        return InstanceStateChange.builder().instanceId(id)
                .previousState(state -> state.name(before))
                .currentState(state -> state.name(after))
                .build();
    }

    private static Ec2Exception error(String code, String message) {
        return (Ec2Exception) Ec2Exception.builder()
                .message(message)
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .build();
    }

    @Override
    public void destroy() {
        machines.shutdownNow();
    }
}
