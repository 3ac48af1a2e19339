package io.photobooth.fleet;

import static io.photobooth.fleet.FleetFixtures.GROUPS;
import static io.photobooth.fleet.FleetFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.ec2.model.InstanceStateName;

class GeneratorLifecycleTest {

    private static final Duration RETRY = Duration.ofSeconds(20);
    private static final Duration STOP_RETRY = Duration.ofMinutes(3);
    private static final GeneratorGroup SKETCH = GROUPS.byKey("sketch");
    private static final Map<String, InstanceStateName> BOTH_STOPPED = Map.of(
            "i-sketch-1", InstanceStateName.STOPPED, "i-sketch-2", InstanceStateName.STOPPED);
    private static final Map<String, InstanceStateName> BOTH_RUNNING = Map.of(
            "i-sketch-1", InstanceStateName.RUNNING, "i-sketch-2", InstanceStateName.RUNNING);

    private final GeneratorLifecycle lifecycle = new GeneratorLifecycle(RETRY, STOP_RETRY);

    private Optional<GroupTransition> next(GeneratorGroupRecord record, Map<String, InstanceStateName> instances,
            Set<String> announced) {
        return lifecycle.next(record, SKETCH, instances, announced);
    }

    private static GroupTransition transition(GeneratorGroupRecord from, GeneratorState to, String... start) {
        return new GroupTransition("sketch", from.state(), from.version(), from.lastActivityAt(), to, List.of(start),
                List.of(), to == GeneratorState.STOPPED);
    }

    @Test
    void startingBecomesReadyWhenAnInstanceRunsAndAnnouncesItself() {
        GeneratorGroupRecord starting = record(GeneratorState.STARTING, Duration.ofSeconds(30), Duration.ofSeconds(30), null);

        assertThat(next(starting, BOTH_RUNNING, Set.of("i-sketch-2"))).contains(transition(starting, GeneratorState.READY));
        assertThat(next(starting, BOTH_RUNNING, Set.of())).as("running, not yet serving").isEmpty();
    }

    @Test
    void anAnnouncementFromAStoppingInstanceDoesNotMakeItReady() {
        GeneratorGroupRecord starting = record(GeneratorState.STARTING, Duration.ofSeconds(30), Duration.ofSeconds(5), null);

        assertThat(next(starting, Map.of("i-sketch-1", InstanceStateName.STOPPING, "i-sketch-2",
                InstanceStateName.STOPPING), Set.of("i-sketch-1"))).isEmpty();
    }

    @Test
    void startingStartsInstancesThatWereStillStoppingOnceTheRetryDelayPassed() {
        Map<String, InstanceStateName> oneStopped = Map.of(
                "i-sketch-1", InstanceStateName.STOPPED, "i-sketch-2", InstanceStateName.PENDING);
        GeneratorGroupRecord justAsked = record(GeneratorState.STARTING, Duration.ofSeconds(5), Duration.ofSeconds(5), null);
        GeneratorGroupRecord askedLongAgo = record(GeneratorState.STARTING, Duration.ofSeconds(5), RETRY, null);

        assertThat(next(justAsked, oneStopped, Set.of())).as("the first start call may still be under way").isEmpty();
        assertThat(next(askedLongAgo, oneStopped, Set.of()))
                .contains(transition(askedLongAgo, GeneratorState.STARTING, "i-sketch-1"));
    }

    @Test
    void stoppingBecomesStoppedOnceEveryInstanceIsStopped() {
        GeneratorGroupRecord stopping = record(GeneratorState.STOPPING, Duration.ofMinutes(6), Duration.ofMinutes(20),
                Duration.ofSeconds(40));

        assertThat(next(stopping, Map.of("i-sketch-1", InstanceStateName.STOPPED, "i-sketch-2",
                InstanceStateName.STOPPING), Set.of())).isEmpty();
        assertThat(next(stopping, BOTH_STOPPED, Set.of())).contains(transition(stopping, GeneratorState.STOPPED));
    }

    @Test
    void stoppingRestartsOnceStoppedWhenAPreRequestArrivedAfterTheStopWasAskedFor() {
        GeneratorGroupRecord stopping = record(GeneratorState.STOPPING, Duration.ofSeconds(10), Duration.ofMinutes(20),
                Duration.ofSeconds(40));

        assertThat(next(stopping, Map.of("i-sketch-1", InstanceStateName.STOPPING, "i-sketch-2",
                InstanceStateName.STOPPED), Set.of())).as("EC2 cannot start a stopping instance").isEmpty();
        assertThat(next(stopping, BOTH_STOPPED, Set.of()))
                .contains(transition(stopping, GeneratorState.STARTING, "i-sketch-1", "i-sketch-2"));
    }

    @Test
    void readyThatLostItsGeneratorsIsStartingWhileAnInstanceRuns() {
        GeneratorGroupRecord ready = record(GeneratorState.READY, Duration.ofSeconds(10), Duration.ofMinutes(20), null);

        assertThat(next(ready, BOTH_RUNNING, Set.of("i-sketch-1"))).isEmpty();
        assertThat(next(ready, BOTH_RUNNING, Set.of())).contains(transition(ready, GeneratorState.STARTING));
    }

    @Test
    void readyStoppedFromOutsideIsRestartedWhenActiveAndLetGoWhenIdle() {
        GeneratorGroupRecord active = record(GeneratorState.READY, Duration.ofMinutes(1), Duration.ofMinutes(20), null);
        GeneratorGroupRecord idle = record(GeneratorState.READY, Duration.ofMinutes(5), Duration.ofMinutes(20), null);

        assertThat(next(active, BOTH_STOPPED, Set.of()))
                .contains(transition(active, GeneratorState.STARTING, "i-sketch-1", "i-sketch-2"));
        assertThat(next(idle, BOTH_STOPPED, Set.of())).contains(transition(idle, GeneratorState.STOPPED));
    }

    @Test
    void stoppedAdoptsAnInstanceStartedFromOutside() {
        GeneratorGroupRecord stopped = record(GeneratorState.STOPPED, Duration.ofHours(1), null, Duration.ofHours(1));

        assertThat(next(stopped, BOTH_STOPPED, Set.of())).isEmpty();
        assertThat(next(stopped, Map.of("i-sketch-1", InstanceStateName.PENDING, "i-sketch-2",
                InstanceStateName.STOPPED), Set.of())).contains(transition(stopped, GeneratorState.STARTING));
        assertThat(next(stopped, BOTH_RUNNING, Set.of("i-sketch-1"))).contains(transition(stopped, GeneratorState.READY));
    }

    @Test
    void anInstanceEc2DoesNotReportCountsAsNeitherUpNorStopped() {
        GeneratorGroupRecord stopping = record(GeneratorState.STOPPING, Duration.ofMinutes(6), Duration.ofMinutes(20),
                Duration.ofSeconds(40));

        assertThat(next(stopping, Map.of("i-sketch-1", InstanceStateName.STOPPED), Set.of()))
                .as("i-sketch-2 missing from the answer").isEmpty();
    }

    @Test
    void aStopThatDidNotTakeIsAskedAgainForTheInstancesStillUp() {
        GeneratorGroupRecord stopping = record(GeneratorState.STOPPING, Duration.ofMinutes(10), Duration.ofHours(1),
                STOP_RETRY);
        GeneratorGroupRecord justAsked = record(GeneratorState.STOPPING, Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofSeconds(30));
        Map<String, InstanceStateName> oneRunning = Map.of(
                "i-sketch-1", InstanceStateName.RUNNING, "i-sketch-2", InstanceStateName.STOPPING);

        assertThat(next(justAsked, oneRunning, Set.of())).as("the stop call may still be under way").isEmpty();
        assertThat(next(stopping, oneRunning, Set.of())).contains(new GroupTransition("sketch",
                GeneratorState.STOPPING, stopping.version(), stopping.lastActivityAt(), GeneratorState.STOPPING,
                List.of(), List.of("i-sketch-1"), true));
    }

    @Test
    void aStopThatDidNotTakeIsGivenUpWhenCustomersCameMeanwhile() {
        GeneratorGroupRecord stopping = record(GeneratorState.STOPPING, Duration.ofSeconds(5), Duration.ofHours(1),
                STOP_RETRY);

        assertThat(next(stopping, BOTH_RUNNING, Set.of("i-sketch-1")))
                .contains(transition(stopping, GeneratorState.STARTING));
    }
}
