package io.photobooth.fleet;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/** The EC2 state of each instance in a {@code describeInstances} answer. */
public final class InstanceStates {

    private InstanceStates() {
    }

    public static Map<String, InstanceStateName> of(DescribeInstancesResponse response) {
        Map<String, InstanceStateName> states = new TreeMap<>();
        response.reservations().forEach(reservation -> reservation.instances()
                .forEach((Instance instance) -> states.put(instance.instanceId(), instance.state().name())));
        return states;
    }

    /** The instances EC2 reports as {@code stopped}: the ones a start call can start. */
    public static List<String> stopped(DescribeInstancesResponse response) {
        return of(response).entrySet().stream()
                .filter(state -> state.getValue() == InstanceStateName.STOPPED)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The instances EC2 reports as {@code pending} or {@code running}: the ones a stop call can stop. */
    public static List<String> up(DescribeInstancesResponse response) {
        return of(response).entrySet().stream()
                .filter(state -> state.getValue() == InstanceStateName.PENDING
                        || state.getValue() == InstanceStateName.RUNNING)
                .map(Map.Entry::getKey)
                .toList();
    }
}
