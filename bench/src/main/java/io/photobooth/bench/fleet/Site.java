package io.photobooth.bench.fleet;

import java.time.Duration;
import java.util.List;

/**
 * Where a concept is sold: its kiosks, the hour it opens, and the customers one kiosk expects in
 * each opening hour. The site closes after the last of those hours.
 */
public record Site(String name, int kiosks, int opensAtHour, List<Double> customersPerKioskHour) {

    public Site {
        customersPerKioskHour = List.copyOf(customersPerKioskHour);
        if (kiosks < 1) {
            throw new IllegalArgumentException("a site has at least one kiosk: " + kiosks);
        }
        if (customersPerKioskHour.isEmpty() || opensAtHour < 0
                || opensAtHour + customersPerKioskHour.size() > 24) {
            throw new IllegalArgumentException("opening hours outside the day: " + opensAtHour
                    + " + " + customersPerKioskHour.size() + " h");
        }
        if (customersPerKioskHour.stream().anyMatch(rate -> rate <= 0)) {
            throw new IllegalArgumentException("every opening hour expects customers: "
                    + customersPerKioskHour);
        }
    }

    public Duration opens() {
        return Duration.ofHours(opensAtHour);
    }

    public Duration closes() {
        return opens().plusHours(customersPerKioskHour.size());
    }

    /** The customers the whole site expects in a day. */
    public double expectedCustomers() {
        return kiosks * customersPerKioskHour.stream().mapToDouble(Double::doubleValue).sum();
    }
}
