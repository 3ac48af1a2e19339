package io.photobooth.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class KioskRateLimiterTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final KioskRateLimiter limiter = new KioskRateLimiter(2, 3, now::get);

    @Test
    void shouldAllowTheBurstThenRefuseWithTheTimeUntilTheNextToken() {
        assertThat(limiter.acquire("key")).isEmpty();
        assertThat(limiter.acquire("key")).isEmpty();
        assertThat(limiter.acquire("key")).isEmpty();

        assertThat(limiter.acquire("key")).contains(Duration.ofMillis(500));
    }

    @Test
    void shouldRefillAtTheSteadyRate() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("key");
        }
        now.addAndGet(Duration.ofMillis(500).toNanos());

        assertThat(limiter.acquire("key")).isEmpty();
        assertThat(limiter.acquire("key")).isPresent();
    }

    @Test
    void shouldNeverSaveUpMoreThanTheBurst() {
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("key")).isEmpty();
        }

        assertThat(limiter.acquire("key")).isPresent();
    }

    @Test
    void shouldNotTakeTokensAwayFromACallerWhoseClockReadingIsOlder() {
        // many kiosks at once: a caller read the clock, then waited for the bucket while others took it
        assertThat(limiter.acquire("key")).isEmpty();
        now.addAndGet(-Duration.ofSeconds(1).toNanos());
        assertThat(limiter.acquire("key")).isEmpty();
        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(limiter.acquire("key")).isEmpty();
        assertThat(limiter.acquire("key")).isPresent();
    }

    @Test
    void shouldKeepEachKeysBucketApart() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("busy");
        }

        assertThat(limiter.acquire("busy")).isPresent();
        assertThat(limiter.acquire("quiet")).isEmpty();
    }
}
