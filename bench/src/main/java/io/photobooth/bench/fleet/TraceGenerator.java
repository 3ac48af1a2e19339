package io.photobooth.bench.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded customer arrivals for one concept over one day: in each opening hour a Poisson process at
 * that hour's rate for the whole site. The same seed gives the same day.
 */
public final class TraceGenerator {

    private static final double SECONDS_PER_HOUR = 3600;

    private TraceGenerator() {
    }

    public static DayTrace day(Site site, CustomerBehaviour behaviour, long seed) {
        Random random = new Random(seed);
        List<Customer> customers = new ArrayList<>();
        for (int hour = 0; hour < site.customersPerKioskHour().size(); hour++) {
            double perSecond = site.kiosks() * site.customersPerKioskHour().get(hour) / SECONDS_PER_HOUR;
            double hourStarts = (site.opensAtHour() + hour) * SECONDS_PER_HOUR;
            double arrival = hourStarts + nextGap(random, perSecond);
            while (arrival < hourStarts + SECONDS_PER_HOUR) {
                customers.add(behaviour.customer(Duration.ofMillis(Math.round(arrival * 1000)), random));
                arrival += nextGap(random, perSecond);
            }
        }
        return new DayTrace(site.opens(), site.closes(), customers);
    }

    /** Exponentially distributed seconds between two arrivals. */
    private static double nextGap(Random random, double perSecond) {
        return -Math.log(1 - random.nextDouble()) / perSecond;
    }
}
