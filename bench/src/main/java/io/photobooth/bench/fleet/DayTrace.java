package io.photobooth.bench.fleet;

import java.time.Duration;
import java.util.List;

/** One concept's customers over one day, and the opening hours of their site (since midnight). */
public record DayTrace(Duration opens, Duration closes, List<Customer> customers) {

    public DayTrace {
        customers = List.copyOf(customers);
        if (closes.compareTo(opens) <= 0) {
            throw new IllegalArgumentException("closes before it opens: " + opens + ", " + closes);
        }
    }
}
