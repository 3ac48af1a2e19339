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

import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.ec2.model.InstanceStateName;

class FleetWatchTest {

    private final FleetWatch watch = new FleetWatch(GROUPS, new GeneratorLifecycle(Duration.ofSeconds(20)));

    @Test
    void readsRowsInstancesAndHeartbeatsInTheOrderOfTheInstanceIds() throws Exception {
        assertThat(GROUPS.allInstanceIds()).containsExactly("i-comic-1", "i-noir-globex", "i-sketch-1", "i-sketch-2");
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setBody(List.of(
                row("comic", GeneratorState.STARTING, Duration.ofSeconds(30), Duration.ofSeconds(30)),
                row("noir@globex", GeneratorState.STARTING, Duration.ofSeconds(30), Duration.ofSeconds(30)),
                row("sketch", GeneratorState.READY, Duration.ofSeconds(30), Duration.ofMinutes(9))));
        watch.keepRecords(exchange);
        exchange.getMessage().setBody(described(Map.of(
                "i-comic-1", InstanceStateName.RUNNING,
                "i-noir-globex", InstanceStateName.RUNNING,
                "i-sketch-1", InstanceStateName.RUNNING,
                "i-sketch-2", InstanceStateName.RUNNING)));
        watch.keepInstances(exchange);
        exchange.getMessage().setBody(Arrays.asList(null, "{\"instanceId\":\"i-noir-globex\"}", null, "{}"));

        watch.decide(exchange);

        assertThat(exchange.getMessage().getBody(List.class)).containsExactly(
                new GroupTransition("noir@globex", GeneratorState.STARTING, 3,
                        FleetFixtures.NOW.minusSeconds(30), GeneratorState.READY, List.of(), false));
    }

    @Test
    void groupsNoLongerInTheCatalogueAreLeftAlone() throws Exception {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setBody(List.of(row("retired", GeneratorState.READY, Duration.ofHours(1), null)));
        watch.keepRecords(exchange);
        exchange.getMessage().setBody(described(Map.of()));
        watch.keepInstances(exchange);
        exchange.getMessage().setBody(Arrays.asList(null, null, null, null));

        watch.decide(exchange);

        assertThat(exchange.getMessage().getBody(List.class)).isEmpty();
    }

    @Test
    void describesTheGuardedUpdateOfATransition() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setBody(new GroupTransition("sketch", GeneratorState.STOPPING, 9,
                FleetFixtures.NOW, GeneratorState.STARTING, List.of("i-sketch-1"), false));

        watch.describe(exchange);

        assertThat(exchange.getMessage().getHeaders())
                .containsEntry(FleetHeaders.GROUP, "sketch")
                .containsEntry(FleetWatch.FROM, "STOPPING")
                .containsEntry(FleetWatch.VERSION, 9L)
                .containsEntry(FleetWatch.LAST_ACTIVITY, Timestamp.from(FleetFixtures.NOW))
                .containsEntry(FleetWatch.TO, "STARTING")
                .containsEntry(FleetWatch.RESTART, true)
                .containsEntry(FleetWatch.QUIET, false)
                .containsEntry(FleetWatch.START, List.of("i-sketch-1"));
    }
}
