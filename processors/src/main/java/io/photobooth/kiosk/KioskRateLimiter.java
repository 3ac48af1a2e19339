package io.photobooth.kiosk;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API key (by its hash): {@code requestsPerSecond} tokens a second, at most
 * {@code burst} saved up. Each proxy keeps its own buckets, so N proxies allow N times the rate;
 * size the limit per proxy.
 */
public class KioskRateLimiter {

    /** Buckets untouched this long are full again and are dropped, so the map stays small. */
    private static final long IDLE_NANOS = Duration.ofMinutes(5).toNanos();

    private final double tokensPerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public KioskRateLimiter(int requestsPerSecond, int burst, LongSupplier nanoTime) {
        this.tokensPerNano = requestsPerSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Takes one token for the key; empty when allowed, else how long until a token is free. */
    public Optional<Duration> acquire(String keyHash) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > 10_000) {
            buckets.values().removeIf(bucket -> bucket.idleSince(now) > IDLE_NANOS);
        }
        return buckets.computeIfAbsent(keyHash, key -> new Bucket(burst, now)).take(now);
    }

    private final class Bucket {

        private double tokens;
        private long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        synchronized long idleSince(long now) {
            return now - updated;
        }

        synchronized Optional<Duration> take(long now) {
            // concurrent callers read the clock before they hold this lock, so one may come with an
            // older reading than the last: no time has passed for it (a negative span took tokens away)
            if (now > updated) {
                tokens = Math.min(burst, tokens + (now - updated) * tokensPerNano);
                updated = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano)));
        }
    }
}
