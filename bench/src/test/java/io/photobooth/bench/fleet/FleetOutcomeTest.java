package io.photobooth.bench.fleet;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FleetOutcomeTest {

    @Test
    void shouldTakeNearestRankPercentilesOfTheBootWaits() {
        FleetOutcome outcome = new FleetOutcome(1, ofHours(1), 4, 10,
                List.of(ofSeconds(40), ofSeconds(10), ofSeconds(30), ofSeconds(20)));

        assertThat(outcome.bootWait(50)).contains(ofSeconds(20));
        assertThat(outcome.bootWait(95)).contains(ofSeconds(40));
        assertThat(outcome.delayedShare()).isEqualTo(0.4);
    }

    @Test
    void shouldAverageDaysAddedTogether() {
        FleetOutcome first = new FleetOutcome(1, ofHours(2), 3, 10, List.of(ofSeconds(60)));
        FleetOutcome second = new FleetOutcome(1, ofHours(4), 5, 30, List.of());

        FleetOutcome both = first.plus(second);

        assertThat(both.instanceHoursPerDay()).isEqualTo(3.0);
        assertThat(both.startsPerDay()).isEqualTo(4.0);
        assertThat(both.delayedShare()).isEqualTo(1 / 40.0);
        assertThat(second.bootWait(50)).isEmpty();
    }
}
