package io.photobooth.bench.fleet;

import java.time.Duration;

/**
 * One paying customer of a concept: the pre-request at {@code preRequestAt} (since midnight), the
 * main request {@code posing} later, and the shots it sends to conversion.
 *
 * @param posing posing and upload, from the pre-request to the main request
 */
public record Customer(Duration preRequestAt, Duration posing, int shots) {

    /** The most shots a kiosk sends in one request. */
    public static final int MAX_SHOTS = 4;

    public Customer {
        if (preRequestAt.isNegative() || posing.isNegative()) {
            throw new IllegalArgumentException("negative time: " + preRequestAt + ", " + posing);
        }
        if (shots < 1 || shots > MAX_SHOTS) {
            throw new IllegalArgumentException("shots must be 1 to " + MAX_SHOTS + ": " + shots);
        }
    }

    /** When the main request enqueues one job per shot. */
    public Duration mainRequestAt() {
        return preRequestAt.plus(posing);
    }
}
