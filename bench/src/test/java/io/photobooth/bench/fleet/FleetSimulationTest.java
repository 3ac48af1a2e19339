package io.photobooth.bench.fleet;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made days with hand-computed results: boot 100 s, stop 40 s, 2 s per shot. */
class FleetSimulationTest {

    private static final Generators ONE_INSTANCE = new Generators(1, ofSeconds(100), ofSeconds(40), ofSeconds(2));
    private static final StopRule FIVE_MINUTES = new StopRule.IdleTimeout(ofMinutes(5));

    @Test
    void shouldBillBootWorkAndIdleTimeoutForOneCustomer() {
        // pre-request at 1000 s, boot until 1100 s, main request at 1060 s waits 40 s,
        // the shot is done at 1102 s, the idle stop comes at 1402 s
        FleetOutcome outcome = FleetSimulation.run(day(customer(1000, 60, 1)), ONE_INSTANCE, FIVE_MINUTES);

        assertThat(outcome.instanceTime()).isEqualTo(ofSeconds(100 + 2 + 300));
        assertThat(outcome.starts()).isEqualTo(1);
        assertThat(outcome.bootWaits()).containsExactly(ofSeconds(40));
    }

    @Test
    void shouldHideTheBootBehindAPosingLongerThanIt() {
        FleetOutcome outcome = FleetSimulation.run(day(customer(1000, 150, 1)), ONE_INSTANCE, FIVE_MINUTES);

        assertThat(outcome.instanceTime()).isEqualTo(ofSeconds(150 + 2 + 300));
        assertThat(outcome.bootWaits()).isEmpty();
    }

    @Test
    void shouldStartTwiceForCustomersFurtherApartThanTheIdleTimeout() {
        DayTrace day = day(customer(1000, 150, 1), customer(2000, 150, 1));

        FleetOutcome fiveMinutes = FleetSimulation.run(day, ONE_INSTANCE, FIVE_MINUTES);
        FleetOutcome twentyMinutes = FleetSimulation.run(day, ONE_INSTANCE, new StopRule.IdleTimeout(ofMinutes(20)));

        assertThat(fiveMinutes.starts()).isEqualTo(2);
        assertThat(fiveMinutes.instanceTime()).isEqualTo(ofSeconds(2 * (150 + 2 + 300)));
        assertThat(twentyMinutes.starts()).isEqualTo(1);
        assertThat(twentyMinutes.instanceTime()).isEqualTo(ofSeconds(2152 + 1200 - 1000));
    }

    @Test
    void shouldStartAgainOnceStoppedWhenACustomerArrivesWhileStopping() {
        // the first customer's shot is done at 122 s, the stop call comes at 422 s, stopped at 462 s;
        // the second pre-request (430 s) restarts the generator at 462 s, ready at 562 s, while its
        // main request came at 490 s; its shot is done at 564 s, the next stop call at 864 s
        DayTrace day = day(customer(0, 120, 1), customer(430, 60, 1));

        FleetOutcome outcome = FleetSimulation.run(day, ONE_INSTANCE, FIVE_MINUTES);

        assertThat(outcome.starts()).isEqualTo(2);
        assertThat(outcome.instanceTime()).isEqualTo(ofSeconds(422 + (864 - 462)));
        assertThat(outcome.bootWaits()).containsExactly(ofSeconds(562 - 490));
    }

    @Test
    void shouldBillLessWithALongerIdleTimeoutWhenItSavesABootThatPosingDoesNotHide() {
        // the first shot is done at 122 s; the second customer comes 70 s later and poses 20 s.
        // 1 min: stop call at 182 s, stopped at 222 s, ready again at 322 s, done at 324 s,
        // stop call at 384 s. 2 min: ready throughout, done at 214 s, stop call at 334 s.
        DayTrace day = day(customer(0, 120, 1), customer(192, 20, 1));

        FleetOutcome oneMinute = FleetSimulation.run(day, ONE_INSTANCE, new StopRule.IdleTimeout(ofMinutes(1)));
        FleetOutcome twoMinutes = FleetSimulation.run(day, ONE_INSTANCE, new StopRule.IdleTimeout(ofMinutes(2)));

        assertThat(oneMinute.instanceTime()).isEqualTo(ofSeconds(182 + (384 - 222)));
        assertThat(oneMinute.bootWaits()).containsExactly(ofSeconds(322 - 212));
        assertThat(twoMinutes.instanceTime()).isEqualTo(ofSeconds(334));
        assertThat(twoMinutes.bootWaits()).isEmpty();
    }

    @Test
    void shouldStopAtTheLastCompletionWithAZeroIdleTimeout() {
        // the second customer's shots wait behind the first one's: 150 s to 154 s, then 154 s to 158 s
        DayTrace day = day(customer(0, 150, 2), customer(10, 140, 2));

        FleetOutcome outcome = FleetSimulation.run(day, ONE_INSTANCE, new StopRule.IdleTimeout(Duration.ZERO));

        assertThat(outcome.starts()).isEqualTo(1);
        assertThat(outcome.instanceTime()).isEqualTo(ofSeconds(158));
    }

    @Test
    void shouldConvertOneShotAtATimePerInstance() {
        DayTrace day = day(customer(0, 150, 4));
        Generators twoInstances = new Generators(2, ofSeconds(100), ofSeconds(40), ofSeconds(2));

        FleetOutcome one = FleetSimulation.run(day, ONE_INSTANCE, FIVE_MINUTES);
        FleetOutcome two = FleetSimulation.run(day, twoInstances, FIVE_MINUTES);

        assertThat(one.instanceTime()).isEqualTo(ofSeconds(150 + 4 * 2 + 300));
        assertThat(two.instanceTime()).isEqualTo(ofSeconds(2 * (150 + 2 * 2 + 300)));
    }

    @Test
    void shouldRunThroughTheOpeningHoursAndTheLastShotAfterClosing() {
        // open 10:00 to 12:00, booted from 09:58:20; the last main request comes at 12:01:30
        DayTrace day = new DayTrace(ofHours(10), ofHours(12),
                List.of(customer(11 * 3600, 60, 1), customer(12 * 3600 - 60, 150, 1)));

        FleetOutcome outcome = FleetSimulation.run(day, ONE_INSTANCE, new StopRule.OpeningHours());

        assertThat(outcome.starts()).isEqualTo(1);
        assertThat(outcome.instanceTime()).isEqualTo(ofHours(2).plusSeconds(100 + 92));
        assertThat(outcome.bootWaits()).isEmpty();
    }

    private static DayTrace day(Customer... customers) {
        return new DayTrace(ofHours(0), ofHours(24), List.of(customers));
    }

    private static Customer customer(int preRequestSecond, int posingSeconds, int shots) {
        return new Customer(ofSeconds(preRequestSecond), ofSeconds(posingSeconds), shots);
    }
}
