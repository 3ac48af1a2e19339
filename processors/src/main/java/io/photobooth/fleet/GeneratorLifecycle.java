package io.photobooth.fleet;

import java.time.Duration;
import java.time.Instant;
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
 * <li>{@code READY} whose generators all went silent: {@code STARTING} while an instance is pending
 * or running; when none is (stopped from outside), started again if there was activity within the
 * idle timeout, else {@code STOPPED}.</li>
 * <li>{@code STOPPING}: once every instance is stopped, {@code STOPPED}, or, when a pre-request
 * arrived since the stop was asked for, {@code STARTING} and started again. A stop that has not
 * taken after {@code stopRetryAfter} (the stop call was lost, or the instances were started from
 * outside) is asked again, or, when a pre-request arrived meanwhile, given up: {@code STARTING}.</li>
 * <li>{@code STOPPED} with an instance pending or running (started from outside) is adopted, so
 * that the idle stop looks after it.</li>
 * </ul>
 * An instance missing from EC2's answer counts as neither up nor down.
 */
public class GeneratorLifecycle {

    private static final Set<InstanceStateName> DOWN = Set.of(InstanceStateName.STOPPED,
            InstanceStateName.TERMINATED, InstanceStateName.SHUTTING_DOWN);
    private static final Set<InstanceStateName> UP = Set.of(InstanceStateName.PENDING, InstanceStateName.RUNNING);

    private final Duration startRetryAfter;
    private final Duration stopRetryAfter;

    public GeneratorLifecycle(Duration startRetryAfter, Duration stopRetryAfter) {
        this.startRetryAfter = startRetryAfter;
        this.stopRetryAfter = stopRetryAfter;
    }

    public Optional<GroupTransition> next(GeneratorGroupRecord record, GeneratorGroup group,
            Map<String, InstanceStateName> instances, Set<String> announced) {
        List<String> ids = group.instanceIds();
        Map<String, InstanceStateName> known = new HashMap<>();
        ids.forEach(id -> known.put(id, instances.getOrDefault(id, InstanceStateName.UNKNOWN_TO_SDK_VERSION)));
        boolean serving = ids.stream().anyMatch(id -> known.get(id) == InstanceStateName.RUNNING
                && announced.contains(id));
        List<String> up = ids.stream().filter(id -> UP.contains(known.get(id))).toList();
        boolean allDown = ids.stream().allMatch(id -> DOWN.contains(known.get(id)));
        List<String> stopped = ids.stream().filter(id -> known.get(id) == InstanceStateName.STOPPED).toList();

        return switch (record.state()) {
            case STOPPED -> serving ? move(record, GeneratorState.READY)
                    : !up.isEmpty() ? move(record, GeneratorState.STARTING) : Optional.empty();
            case STARTING -> serving ? move(record, GeneratorState.READY)
                    : !stopped.isEmpty() && overdue(record.startRequestedAt(), startRetryAfter, record)
                            ? start(record, stopped) : Optional.empty();
            case READY -> serving ? Optional.empty()
                    : !up.isEmpty() ? move(record, GeneratorState.STARTING)
                    : activeWithin(record, group.idleTimeout()) ? start(record, stopped)
                    : stopped(record);
            case STOPPING -> allDown ? (record.activeSinceStopRequest() ? start(record, stopped) : stopped(record))
                    : !overdue(record.stopRequestedAt(), stopRetryAfter, record) ? Optional.empty()
                    : record.activeSinceStopRequest() ? move(record, GeneratorState.STARTING)
                    : !up.isEmpty() ? stopAgain(record, up) : Optional.empty();
        };
    }

    private static boolean overdue(Instant requestedAt, Duration retryAfter, GeneratorGroupRecord record) {
        return requestedAt == null || !requestedAt.plus(retryAfter).isAfter(record.now());
    }

    private static boolean activeWithin(GeneratorGroupRecord record, Duration idleTimeout) {
        return record.lastActivityAt().plus(idleTimeout).isAfter(record.now());
    }

    private static Optional<GroupTransition> move(GeneratorGroupRecord record, GeneratorState to) {
        return Optional.of(transition(record, to, List.of(), List.of(), false));
    }

    private static Optional<GroupTransition> start(GeneratorGroupRecord record, List<String> stopped) {
        return Optional.of(transition(record, GeneratorState.STARTING, stopped, List.of(), false));
    }

    private static Optional<GroupTransition> stopped(GeneratorGroupRecord record) {
        return Optional.of(transition(record, GeneratorState.STOPPED, List.of(), List.of(), true));
    }

    private static Optional<GroupTransition> stopAgain(GeneratorGroupRecord record, List<String> up) {
        return Optional.of(transition(record, GeneratorState.STOPPING, List.of(), up, true));
    }

    private static GroupTransition transition(GeneratorGroupRecord record, GeneratorState to, List<String> start,
            List<String> stop, boolean requireNoNewActivity) {
        return new GroupTransition(record.key(), record.state(), record.version(), record.lastActivityAt(), to,
                start, stop, requireNoNewActivity);
    }
}
