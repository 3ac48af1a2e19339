package io.photobooth.bench.fleet;

import java.time.Duration;

/**
 * When the proxy stops a concept's generators. Either rule stops them only while they are idle: no
 * request in flight and no job queued or converting.
 */
public sealed interface StopRule {

    /** The earliest moment idle generators stop, given their last activity. */
    Duration stopAt(Duration lastActivity, DayTrace day);

    /** How a table names the rule. */
    String label();

    /** Booted before the site opens, stopped once it has closed and the last shot is done. */
    record OpeningHours() implements StopRule {

        @Override
        public Duration stopAt(Duration lastActivity, DayTrace day) {
            return lastActivity.compareTo(day.closes()) > 0 ? lastActivity : day.closes();
        }

        @Override
        public String label() {
            return "always on (opening hours)";
        }
    }

    /** Stopped once the last pre-request, enqueue or completion is {@code timeout} old. */
    record IdleTimeout(Duration timeout) implements StopRule {

        public IdleTimeout {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("negative idle timeout: " + timeout);
            }
        }

        @Override
        public Duration stopAt(Duration lastActivity, DayTrace day) {
            return lastActivity.plus(timeout);
        }

        @Override
        public String label() {
            return timeout.toSecondsPart() == 0
                    ? "idle timeout " + timeout.toMinutes() + " min"
                    : "idle timeout " + timeout.toSeconds() + " s";
        }
    }
}
