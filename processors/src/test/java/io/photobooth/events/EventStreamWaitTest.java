package io.photobooth.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EventStreamWaitTest {

    static final Duration HEARTBEAT = Duration.ofMillis(400);
    static final Duration RECHECK = Duration.ofMillis(250);

    final RequestEventSignals signals = new RequestEventSignals();
    final RecordingEventSink sink = new RecordingEventSink();
    final EventStreamWait wait = new EventStreamWait(HEARTBEAT, RECHECK);

    private static Duration timed(ThrowingRunnable step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void shouldReturnAsSoonAsTheRequestIsSignalledAndListenAgain() throws Exception {
        Exchange exchange = EventStreamOpenerTest.opened(sink, signals, Duration.ofMinutes(2));
        CompletableFuture.runAsync(() -> {
            sleep(50);
            signals.signal(RequestEventTest.ID);
        });

        Duration waited = timed(() -> new EventStreamWait(HEARTBEAT, Duration.ofSeconds(5)).process(exchange));

        assertThat(waited).isLessThan(Duration.ofSeconds(2));
        assertThat(signals.size()).as("listening for the next events").isEqualTo(1);
        assertThat(EventStream.isOpen(exchange)).isTrue();
    }

    @Test
    void shouldReturnAfterTheRecheckIntervalWithoutASignal() throws Exception {
        Exchange exchange = EventStreamOpenerTest.opened(sink, signals, Duration.ofMinutes(2));

        Duration waited = timed(() -> wait.process(exchange));

        assertThat(waited).isBetween(RECHECK.minusMillis(20), RECHECK.plusSeconds(1));
        assertThat(sink.frames()).isEmpty();
        assertThat(EventStream.isOpen(exchange)).isTrue();
    }

    @Test
    void shouldSendAKeepAliveWhenNothingWasWrittenForTheHeartbeat() throws Exception {
        Exchange exchange = EventStreamOpenerTest.opened(sink, signals, Duration.ofMinutes(2));

        wait.process(exchange);
        wait.process(exchange);

        assertThat(sink.frames()).containsExactly(SseFrames.KEEP_ALIVE);
    }

    @Test
    void shouldEndTheStreamWhenItsTimeIsUp() throws Exception {
        Exchange exchange = EventStreamOpenerTest.opened(sink, signals, Duration.ofMillis(100));

        Duration waited = timed(() -> wait.process(exchange));

        assertThat(waited).isLessThan(RECHECK);
        assertThat(EventStream.isOpen(exchange)).isFalse();
        assertThat(signals.size()).isZero();
    }

    @Test
    void shouldNotWaitOnAStreamThatHasEnded() throws Exception {
        Exchange exchange = EventStreamOpenerTest.opened(sink, signals, Duration.ofMinutes(2));
        EventStream.of(exchange).close();

        assertThat(timed(() -> wait.process(exchange))).isLessThan(RECHECK);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
