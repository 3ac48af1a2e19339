package io.photobooth.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CompletionWaitTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private final ConversionWaiters waiters = new ConversionWaiters();

    private static Exchange request() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.REQUEST_ID, ID);
        return exchange;
    }

    @Test
    void shouldReturnOnceRequestFinishes() throws Exception {
        CompletableFuture<Void> finisher = CompletableFuture.runAsync(() -> {
            while (waiters.size() == 0) {
                Thread.onSpinWait();
            }
            waiters.finished(ID);
        });

        long start = System.nanoTime();
        new CompletionWait(waiters, Duration.ofSeconds(8)).process(request());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        finisher.get(1, TimeUnit.SECONDS);
        assertThat(waiters.size()).isZero();
    }

    @Test
    void shouldReturnAfterTimeoutWithoutFailing() throws Exception {
        long start = System.nanoTime();
        new CompletionWait(waiters, Duration.ofMillis(120)).process(request());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(110));
        assertThat(waiters.size()).isZero();
    }
}
