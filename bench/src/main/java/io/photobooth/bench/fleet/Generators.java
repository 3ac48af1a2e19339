package io.photobooth.bench.fleet;

import java.time.Duration;

/**
 * A concept's GPU generator instances, started and stopped together.
 *
 * @param boot from the start call until they convert: EC2 start, OS, JVM and model warm-up
 * @param stop from the stop call until EC2 reports {@code stopped} and accepts a start again
 * @param perShot one conversion on one instance
 */
public record Generators(int instances, Duration boot, Duration stop, Duration perShot) {

    public Generators {
        if (instances < 1) {
            throw new IllegalArgumentException("at least one instance: " + instances);
        }
        if (boot.isNegative() || stop.isNegative() || perShot.isNegative()) {
            throw new IllegalArgumentException("negative time: " + boot + ", " + stop + ", " + perShot);
        }
    }
}
