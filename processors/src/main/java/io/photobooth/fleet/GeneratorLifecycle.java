package io.photobooth.fleet;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;

import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * The watch's rules: from a group's recorded state, its instances' EC2 states and the generators
 * that announce themselves, the change to make, if any.
 * <ul>
 * <li>A group with an instance that runs and announces itself is {@code READY}.</li>
 * <li>{@code STARTING}: instances that are {@code stopped} (they were still stopping when the start
 * was asked for, or the start call was lost) are started, once {@code startRetryAfter} has passed
 * since the last start request.</li>
 * <li>{@code READY} whose generators all went silent: {@code STARTING} while an instance runs;
 * when all are stopped (stopped from outside), restarted if there was activity within the idle
 * timeout, else {@code STOPPED}.</li>
 * <li>{@code STOPPING}: once every instance is stopped, {@code STOPPED}, or, when a pre-request
 * arrived since the stop was asked for, {@code STARTING} and started again.</li>
 * <li>{@code STOPPED} with an instance running (started from outside) is adopted, so that the idle
 * stop looks after it.</li>
 * </ul>
 */
public class GeneratorLifecycle {

    private static final Set<InstanceStateName> DOWN = Set.of(InstanceStateName.STOPPED,
            InstanceStateName.TERMINATED, InstanceStateName.SHUTTING_DOWN);
    private static final Set<InstanceStateName> UP = Set.of(InstanceStateName.PENDING, InstanceStateName.RUNNING);

    private final Duration startRetryAfter;

    public GeneratorLifecycle(Duration startRetryAfter) {
        this.startRetryAfter = startRetryAfter;
    }

    public Optional<GroupTransition> next(GeneratorGroupRecord record, GeneratorGroup group,
            Map<String, InstanceStateName> instances, Set<String> announced) {
        List<String> ids = group.instanceIds();
        // an instance missing from EC2's answer counts as neither up nor down
        Map<String, InstanceStateName> known = new HashMap<>();
        ids.forEach(id -> known.put(id, instances.getOrDefault(id, InstanceStateName.UNKNOWN_TO_SDK_VERSION)));
        boolean serving = ids.stream().anyMatch(id -> known.get(id) == InstanceStateName.RUNNING
                && announced.contains(id));
        boolean up = ids.stream().anyMatch(id -> UP.contains(known.get(id)));
        boolean allDown = ids.stream().allMatch(id -> DOWN.contains(known.get(id)));
        List<String> stopped = ids.stream().filter(id -> known.get(id) == InstanceStateName.STOPPED).toList();

        return switch (record.state()) {
            case STOPPED -> serving ? move(record, GeneratorState.READY)
                    : up ? move(record, GeneratorState.STARTING) : Optional.empty();
            case STARTING -> serving ? move(record, GeneratorState.READY)
                    : !stopped.isEmpty() && startMayBeRetried(record) ? start(record, stopped) : Optional.empty();
            case READY -> serving ? Optional.empty()
                    : up ? move(record, GeneratorState.STARTING)
                    : activeWithin(record, group.idleTimeout()) ? start(record, stopped)
                    : stop(record);
            case STOPPING -> !allDown ? Optional.empty()
                    : record.activeSinceStopRequest() ? start(record, stopped) : stop(record);
        };
    }

    private boolean startMayBeRetried(GeneratorGroupRecord record) {
        return record.startRequestedAt() == null
                || !record.startRequestedAt().plus(startRetryAfter).isAfter(record.now());
    }

    private static boolean activeWithin(GeneratorGroupRecord record, Duration idleTimeout) {
        return record.lastActivityAt().plus(idleTimeout).isAfter(record.now());
    }

    private static Optional<GroupTransition> move(GeneratorGroupRecord record, GeneratorState to) {
        return Optional.of(new GroupTransition(record.key(), record.state(), record.version(), record.lastActivityAt(), to, List.of(), false));
    }

    private static Optional<GroupTransition> start(GeneratorGroupRecord record, List<String> stopped) {
        return Optional.of(new GroupTransition(record.key(), record.state(), record.version(),
                record.lastActivityAt(), GeneratorState.STARTING, stopped, false));
    }

    private static Optional<GroupTransition> stop(GeneratorGroupRecord record) {
        return Optional.of(new GroupTransition(record.key(), record.state(), record.version(),
                record.lastActivityAt(), GeneratorState.STOPPED, List.of(), true));
    }
}
