package io.photobooth.bench.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one stop rule gave over one or more simulated days.
 *
 * @param instanceTime billed instance time: from each start call to its stop call, per instance
 * @param bootWaits for each customer whose main request found the generators not ready, the time
 *     until they were: the extra wait the boot caused
 */
public record FleetOutcome(
        int days, Duration instanceTime, int starts, int customers, List<Duration> bootWaits) {

    private static final double SECONDS_PER_HOUR = 3600;

    public FleetOutcome {
        bootWaits = bootWaits.stream().sorted().toList();
    }

    /** Both outcomes together, as days of one longer run. */
    public FleetOutcome plus(FleetOutcome other) {
        List<Duration> waits = new ArrayList<>(bootWaits);
        waits.addAll(other.bootWaits);
        return new FleetOutcome(days + other.days, instanceTime.plus(other.instanceTime),
                starts + other.starts, customers + other.customers, waits);
    }

    public double instanceHoursPerDay() {
        return instanceTime.toMillis() / 1000.0 / SECONDS_PER_HOUR / days;
    }

    public double startsPerDay() {
        return (double) starts / days;
    }

    /** The share of customers whose result a boot delayed, from 0 to 1. */
    public double delayedShare() {
        return customers == 0 ? 0 : (double) bootWaits.size() / customers;
    }

    /** The nearest-rank percentile (0 to 100) of the boot waits; empty when no customer waited. */
    public Optional<Duration> bootWait(int percentile) {
        if (bootWaits.isEmpty()) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(percentile / 100.0 * bootWaits.size());
        return Optional.of(bootWaits.get(Math.max(rank, 1) - 1));
    }
}
