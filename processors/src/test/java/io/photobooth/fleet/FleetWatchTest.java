package io.photobooth.fleet;

import static io.photobooth.fleet.FleetFixtures.GROUPS;
import static io.photobooth.fleet.FleetFixtures.described;
import static io.photobooth.fleet.FleetFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.ec2.model.InstanceStateName;

class FleetWatchTest {

    private final FleetWatch watch = new FleetWatch(GROUPS,
            new GeneratorLifecycle(Duration.ofSeconds(20), Duration.ofMinutes(3)));

    private final Exchange exchange = TestCatalogue.exchange();

    @Test
    void keepsTheInstancesThatAnnounceThemselvesInTheOrderOfTheInstanceIds() {
        assertThat(GROUPS.allInstanceIds()).containsExactly("i-comic-1", "i-noir-globex", "i-sketch-1", "i-sketch-2");
        exchange.getMessage().setBody(Arrays.asList(null, "{\"instanceId\":\"i-noir-globex\"}", null, "{}"));

        watch.keepHeartbeats(exchange);

        assertThat(exchange.getProperty(FleetWatch.ANNOUNCED)).isEqualTo(Set.of("i-noir-globex", "i-sketch-2"));
    }

    @Test
    void picksTheRecordedGroupsOfTheCatalogueOnly() {
        exchange.getMessage().setBody(List.of(
                row("sketch", GeneratorState.READY, Duration.ofSeconds(30), Duration.ofMinutes(9)),
                row("retired", GeneratorState.READY, Duration.ofHours(1), null)));

        watch.pickGroups(exchange);

        assertThat(exchange.getMessage().getBody(List.class)).extracting(record -> ((GeneratorGroupRecord) record).key())
                .containsExactly("sketch");
    }

    @Test
    void decidesOneGroupsTransitionAndDescribesItsGuardedUpdate() throws Exception {
        exchange.getMessage().setBody(Arrays.asList(null, "{}", null, null));
        watch.keepHeartbeats(exchange);
        exchange.getMessage().setBody(List.of(
                row("noir@globex", GeneratorState.STARTING, Duration.ofSeconds(30), Duration.ofSeconds(30))));
        watch.pickGroups(exchange);
        exchange.getMessage().setBody(exchange.getMessage().getBody(List.class).getFirst());
        watch.watch(exchange);
        assertThat(watch.instanceIds(exchange)).containsExactly("i-noir-globex");
        exchange.getMessage().setBody(described(Map.of("i-noir-globex", InstanceStateName.RUNNING)));

        watch.decide(exchange);

        assertThat(exchange.getMessage().getBody()).isEqualTo(new GroupTransition("noir@globex",
                GeneratorState.STARTING, 3, FleetFixtures.NOW.minusSeconds(30), GeneratorState.READY, List.of(),
                List.of(), false));
        assertThat(exchange.getMessage().getHeaders())
                .containsEntry(FleetHeaders.GROUP, "noir@globex")
                .containsEntry(FleetWatch.FROM, "STARTING")
                .containsEntry(FleetWatch.VERSION, 3L)
                .containsEntry(FleetWatch.LAST_ACTIVITY, Timestamp.from(FleetFixtures.NOW.minusSeconds(30)))
                .containsEntry(FleetWatch.TO, "READY")
                .containsEntry(FleetWatch.RESTART, false)
                .containsEntry(FleetWatch.RESTOP, false)
                .containsEntry(FleetWatch.QUIET, false);
    }

    @Test
    void decidesNothingForAGroupThatDoesNotChange() throws Exception {
        exchange.getMessage().setBody(Arrays.asList(null, null, null, null));
        watch.keepHeartbeats(exchange);
        exchange.getMessage().setBody(FleetFixtures.record(GeneratorState.STOPPED, Duration.ofHours(1), null, null));
        watch.watch(exchange);
        exchange.getMessage().setBody(described(Map.of(
                "i-sketch-1", InstanceStateName.STOPPED, "i-sketch-2", InstanceStateName.STOPPED)));

        watch.decide(exchange);

        assertThat(exchange.getMessage().getBody()).isNull();
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey(FleetWatch.TO);
    }
}
