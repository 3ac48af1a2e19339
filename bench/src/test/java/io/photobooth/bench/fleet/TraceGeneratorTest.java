package io.photobooth.bench.fleet;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TraceGeneratorTest {

    private static final CustomerBehaviour BEHAVIOUR =
            new CustomerBehaviour(ofSeconds(20), ofSeconds(10), ofSeconds(30), List.of(0.50, 0.15, 0.10, 0.25));
    private static final Site SITE = new Site("busy", 6, 10, List.of(3.0, 10.0, 6.0));

    @Test
    void shouldGiveTheSameDayForTheSameSeed() {
        DayTrace day = TraceGenerator.day(SITE, BEHAVIOUR, 42);

        assertThat(TraceGenerator.day(SITE, BEHAVIOUR, 42)).isEqualTo(day);
        assertThat(TraceGenerator.day(SITE, BEHAVIOUR, 43)).isNotEqualTo(day);
    }

    @Test
    void shouldDrawCustomersInOpeningHoursInPreRequestOrder() {
        DayTrace day = TraceGenerator.day(SITE, BEHAVIOUR, 7);

        assertThat(day.opens()).isEqualTo(Duration.ofHours(10));
        assertThat(day.closes()).isEqualTo(Duration.ofHours(13));
        assertThat(day.customers()).isNotEmpty()
                .isSortedAccordingTo(Comparator.comparing(Customer::preRequestAt))
                .allSatisfy(customer -> {
                    assertThat(customer.preRequestAt()).isBetween(day.opens(), day.closes());
                    assertThat(customer.posing()).isBetween(
                            ofSeconds(20 + 10L * customer.shots()), ofSeconds(20 + 30L * customer.shots()));
                });
    }

    @Test
    void shouldDrawTheExpectedCustomersAndShotsOnAverage() {
        List<DayTrace> days = LongStream.range(0, 200).mapToObj(seed -> TraceGenerator.day(SITE, BEHAVIOUR, seed))
                .toList();
        List<Customer> customers = days.stream().flatMap(day -> day.customers().stream()).toList();

        assertThat((double) customers.size() / days.size()).isCloseTo(SITE.expectedCustomers(), within(5.0));
        for (int shots = 1; shots <= Customer.MAX_SHOTS; shots++) {
            int count = shots;
            double share = (double) customers.stream().filter(customer -> customer.shots() == count).count()
                    / customers.size();
            assertThat(share).as("share of %d shots", shots)
                    .isCloseTo(BEHAVIOUR.shareByShots().get(shots - 1), within(0.02));
        }
    }
}
