package io.photobooth.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RequestEventSignalsTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final String OTHER = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    private final RequestEventSignals signals = new RequestEventSignals();

    @Test
    void shouldWakeEveryListenerOfTheRequestFromAnotherThread() throws Exception {
        RequestEventSignals.Listener first = signals.listen(ID);
        RequestEventSignals.Listener second = signals.listen(ID);
        CompletableFuture<Void> signaller = CompletableFuture.runAsync(() -> {
            sleep(50);
            signals.signal(ID);
        });

        long start = System.nanoTime();
        assertThat(first.await(Duration.ofSeconds(5))).isTrue();
        assertThat(second.await(Duration.ofSeconds(5))).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        signaller.get(1, TimeUnit.SECONDS);
        assertThat(signals.size()).isZero();
    }

    @Test
    void shouldKeepASignalThatCameBeforeTheWait() throws Exception {
        RequestEventSignals.Listener listener = signals.listen(ID);
        signals.signal(ID);

        assertThat(listener.await(Duration.ZERO)).isTrue();
    }

    @Test
    void shouldNotWakeAListenerOfAnotherRequestOrOneTakenAfterTheSignal() throws Exception {
        RequestEventSignals.Listener other = signals.listen(OTHER);
        signals.signal(ID);
        RequestEventSignals.Listener later = signals.listen(ID);

        assertThat(other.await(Duration.ofMillis(50))).isFalse();
        assertThat(later.await(Duration.ofMillis(50))).isFalse();
        assertThat(signals.size()).isEqualTo(2);
    }

    @Test
    void shouldForgetAClosedListener() throws Exception {
        RequestEventSignals.Listener listener = signals.listen(ID);
        listener.close();
        signals.signal(ID);

        assertThat(listener.await(Duration.ofMillis(50))).isFalse();
        assertThat(signals.size()).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
