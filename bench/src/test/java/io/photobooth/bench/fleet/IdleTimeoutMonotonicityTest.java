package io.photobooth.bench.fleet;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On generated days, a longer idle timeout bills no less instance time and starts no more often. It
 * is no law: {@link FleetSimulationTest} has a hand-made day where a longer timeout bills less.
 */
class IdleTimeoutMonotonicityTest {

    private static final Generators GENERATORS = new Generators(1, ofSeconds(105), ofSeconds(45), ofMillis(1500));
    private static final CustomerBehaviour BEHAVIOUR =
            new CustomerBehaviour(ofSeconds(20), ofSeconds(10), ofSeconds(30), List.of(0.50, 0.15, 0.10, 0.25));
    private static final List<StopRule> LONGER_AND_LONGER = IntStream.of(0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 60)
            .mapToObj(minutes -> (StopRule) new StopRule.IdleTimeout(ofMinutes(minutes)))
            .toList();

    static Stream<DayTrace> days() {
        List<Site> sites = List.of(
                new Site("quiet", 1, 10, List.of(1.0, 3.0, 2.0, 0.5)),
                new Site("busy", 6, 10, List.of(3.0, 10.0, 6.0, 10.0, 2.0)));
        return sites.stream().flatMap(site -> LongStream.range(0, 25)
                .mapToObj(seed -> TraceGenerator.day(site, BEHAVIOUR, seed)));
    }

    @ParameterizedTest(name = "generated day {index}")
    @MethodSource("days")
    void shouldNeverBillLessNorStartMoreWithALongerIdleTimeout(DayTrace day) {
        List<FleetOutcome> outcomes = LONGER_AND_LONGER.stream()
                .map(rule -> FleetSimulation.run(day, GENERATORS, rule))
                .toList();

        for (int longer = 1; longer < outcomes.size(); longer++) {
            FleetOutcome shorterTimeout = outcomes.get(longer - 1);
            FleetOutcome longerTimeout = outcomes.get(longer);
            assertThat(longerTimeout.instanceTime()).isGreaterThanOrEqualTo(shorterTimeout.instanceTime());
            assertThat(longerTimeout.starts()).isLessThanOrEqualTo(shorterTimeout.starts());
        }
    }
}
