package io.photobooth.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConversionWaitersTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private final ConversionWaiters waiters = new ConversionWaiters();

    /** Calls finished() once the waiter is registered, from another thread. */
    private CompletableFuture<Void> finishWhenWaiting(String requestId) {
        return CompletableFuture.runAsync(() -> {
            while (waiters.size() == 0) {
                Thread.onSpinWait();
            }
            sleep(50);
            waiters.finished(requestId);
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldWakeWaiterWhenFinishedFromAnotherThread() throws Exception {
        waiters.register(ID);
        CompletableFuture<Void> finisher = finishWhenWaiting(ID);

        long start = System.nanoTime();
        boolean finished = waiters.await(ID, Duration.ofSeconds(5));

        assertThat(finished).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        finisher.get(1, TimeUnit.SECONDS);
        assertThat(waiters.size()).isZero();
    }

    @Test
    void shouldListTheRequestsWaitedOnUntilTheirWaiterIsAwaited() throws Exception {
        String other = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
        waiters.register(ID);
        waiters.register(other);
        waiters.finished(other);

        assertThat(waiters.waitingFor()).containsExactlyInAnyOrder(ID, other);
        assertThat(waiters.await(other, Duration.ofMillis(10))).isTrue();
        assertThat(waiters.waitingFor()).containsExactly(ID);
    }

    @Test
    void shouldWakeWaiterThatDidNotRegister() throws Exception {
        CompletableFuture<Void> finisher = finishWhenWaiting(ID);

        assertThat(waiters.await(ID, Duration.ofSeconds(5))).isTrue();
        finisher.get(1, TimeUnit.SECONDS);
        assertThat(waiters.size()).isZero();
    }

    @Test
    void shouldGiveUpAfterTimeout() throws Exception {
        waiters.register(ID);

        long start = System.nanoTime();
        boolean finished = waiters.await(ID, Duration.ofMillis(150));

        assertThat(finished).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(140));
        assertThat(waiters.size()).isZero();
    }

    @Test
    void shouldIgnoreFinishedWithoutWaiter() throws Exception {
        waiters.finished(ID);

        assertThat(waiters.size()).isZero();
        assertThat(waiters.await(ID, Duration.ofMillis(50))).as("an earlier finished() leaves nothing behind")
                .isFalse();
        assertThat(waiters.size()).isZero();
    }

    @Test
    void shouldOnlyWakeWaiterOfTheFinishedRequest() throws Exception {
        String other = "11111111-2222-4333-8444-555555555555";
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> awaitQuietly(ID, 400));
        CompletableFuture<Boolean> otherWaiter = CompletableFuture.supplyAsync(() -> awaitQuietly(other, 4000));
        while (waiters.size() < 2) {
            Thread.onSpinWait();
        }

        waiters.finished(other);

        assertThat(otherWaiter.get(2, TimeUnit.SECONDS)).isTrue();
        assertThat(waiter.get(2, TimeUnit.SECONDS)).isFalse();
        assertThat(waiters.size()).isZero();
    }

    private boolean awaitQuietly(String requestId, long millis) {
        try {
            return waiters.await(requestId, Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldWakeEveryWaiterOfTheRequest() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> awaitCounting(started));
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> awaitCounting(started));
        assertThat(started.await(2, TimeUnit.SECONDS)).isTrue();
        sleep(100);

        waiters.finished(ID);

        assertThat(first.get(2, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(2, TimeUnit.SECONDS)).isTrue();
        assertThat(waiters.size()).isZero();
    }

    private boolean awaitCounting(CountDownLatch started) {
        started.countDown();
        try {
            return waiters.await(ID, Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The documented point of {@link ConversionWaiters#register}: a completion that arrives after
     * registering but before the kiosk's thread reaches {@code await} (the jobs are sent in between)
     * must not be lost.
     */
    @Test
    void shouldNotLoseCompletionArrivingBetweenRegisterAndAwait() throws Exception {
        waiters.register(ID);
        waiters.finished(ID);

        assertThat(waiters.await(ID, Duration.ofMillis(300))).isTrue();
        assertThat(waiters.size()).isZero();
    }
}
