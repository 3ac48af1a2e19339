package io.photobooth.bench.fleet;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * How customers buy and pose. Posing lasts {@code instructions} plus, for each shot, a uniform
 * time from {@code shortestShot} to {@code longestShot} (countdown, pose, review, upload).
 *
 * @param shareByShots the share of customers who buy 1, 2, 3 and 4 shots; sums to 1
 */
public record CustomerBehaviour(
        Duration instructions, Duration shortestShot, Duration longestShot, List<Double> shareByShots) {

    public CustomerBehaviour {
        shareByShots = List.copyOf(shareByShots);
        if (shareByShots.size() != Customer.MAX_SHOTS
                || Math.abs(shareByShots.stream().mapToDouble(Double::doubleValue).sum() - 1) > 1e-9) {
            throw new IllegalArgumentException("one share per shot count, summing to 1: " + shareByShots);
        }
        if (longestShot.compareTo(shortestShot) < 0) {
            throw new IllegalArgumentException("longest shot below shortest: " + longestShot);
        }
    }

    /** A customer whose pre-request comes at {@code preRequestAt}, drawn from {@code random}. */
    Customer customer(Duration preRequestAt, Random random) {
        int shots = shots(random.nextDouble());
        long spread = longestShot.minus(shortestShot).toMillis();
        long posingMillis = instructions.toMillis();
        for (int shot = 0; shot < shots; shot++) {
            posingMillis += shortestShot.toMillis() + Math.round(random.nextDouble() * spread);
        }
        return new Customer(preRequestAt, Duration.ofMillis(posingMillis), shots);
    }

    private int shots(double draw) {
        double share = 0;
        for (int shots = 1; shots < Customer.MAX_SHOTS; shots++) {
            share += shareByShots.get(shots - 1);
            if (draw < share) {
                return shots;
            }
        }
        return Customer.MAX_SHOTS;
    }
}
