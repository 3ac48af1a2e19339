package io.photobooth.conversion;

import static io.photobooth.support.TestCatalogue.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.photobooth.contract.ConversionJob;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class ConversionMetricsTest {

    static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    static final Instant ENQUEUED = NOW.minusSeconds(90);

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MovingClock clock = new MovingClock();
    final ConversionMetrics metrics = new ConversionMetrics(registry, clock);

    /** A clock that stands still until a test moves it. */
    static final class MovingClock extends Clock {

        private Instant now = NOW;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** The exchange of a job of the concept, enqueued 90 s before JobIntake started it at NOW. */
    static Exchange read(String concept) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.setProperty(JobIntake.JOB, new ConversionJob(1, ID, 1, 2, "test", "acme", concept,
                "uploads/test/acme/" + ID + "/1.jpg", "results/test/acme/" + ID + "/1.jpg", ENQUEUED, null));
        exchange.setProperty(JobIntake.STARTED_AT, NOW);
        return exchange;
    }

    double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    Timer timer(String name, String... tags) {
        return registry.get(name).tags(tags).timer();
    }

    @Test
    void shouldCountAReceivedJobAndItsWaitInTheQueue() {
        metrics.received(read("sketch"));

        assertThat(count(ConversionMetrics.RECEIVED, "concept", "sketch")).isEqualTo(1.0);
        Timer wait = timer(ConversionMetrics.QUEUE_WAIT, "concept", "sketch");
        assertThat(wait.count()).isEqualTo(1);
        assertThat(wait.totalTime(TimeUnit.SECONDS)).isEqualTo(90.0);
    }

    @Test
    void shouldTimeTheModelCallAlone() {
        Exchange exchange = read("comic");
        clock.advance(Duration.ofSeconds(3));
        metrics.converting(exchange);
        clock.advance(Duration.ofMillis(1500));

        metrics.converted(exchange);

        Timer inference = timer(ConversionMetrics.INFERENCE, "concept", "comic");
        assertThat(inference.count()).isEqualTo(1);
        assertThat(inference.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500.0);
    }

    @Test
    void shouldCountADoneJobAndTimeItFromStartAndFromEnqueue() {
        Exchange exchange = read("sketch");
        clock.advance(Duration.ofSeconds(4));

        metrics.succeeded(exchange);

        assertThat(count(ConversionMetrics.COMPLETED, "concept", "sketch", "outcome", "done")).isEqualTo(1.0);
        assertThat(registry.find(ConversionMetrics.COMPLETED).tags("outcome", "failed").counter()).isNull();
        Timer duration = timer(ConversionMetrics.DURATION, "concept", "sketch", "outcome", "done");
        assertThat(duration.count()).isEqualTo(1);
        assertThat(duration.totalTime(TimeUnit.SECONDS)).isEqualTo(4.0);
        Timer endToEnd = timer(ConversionMetrics.END_TO_END, "concept", "sketch", "outcome", "done");
        assertThat(endToEnd.count()).isEqualTo(1);
        assertThat(endToEnd.totalTime(TimeUnit.SECONDS)).isEqualTo(94.0);
    }

    @Test
    void shouldCountAFailedShotApartFromDoneOnes() {
        metrics.succeeded(read("sketch"));
        clock.advance(Duration.ofSeconds(1));

        metrics.failed(read("sketch"));

        assertThat(count(ConversionMetrics.COMPLETED, "concept", "sketch", "outcome", "done")).isEqualTo(1.0);
        assertThat(count(ConversionMetrics.COMPLETED, "concept", "sketch", "outcome", "failed")).isEqualTo(1.0);
        assertThat(timer(ConversionMetrics.END_TO_END, "concept", "sketch", "outcome", "failed")
                .totalTime(TimeUnit.SECONDS)).isEqualTo(91.0);
    }

    @Test
    void shouldKeepTheCountsOfEachConceptApart() {
        metrics.received(read("sketch"));
        metrics.received(read("sketch"));
        metrics.received(read("comic"));

        assertThat(count(ConversionMetrics.RECEIVED, "concept", "sketch")).isEqualTo(2.0);
        assertThat(count(ConversionMetrics.RECEIVED, "concept", "comic")).isEqualTo(1.0);
    }

    @Test
    void shouldCountAnErrorOfTheJobsConcept() {
        metrics.errored(read("comic"));

        assertThat(count(ConversionMetrics.ERRORS, "concept", "comic")).isEqualTo(1.0);
        assertThat(registry.find(ConversionMetrics.COMPLETED).counter()).isNull();
    }

    @Test
    void shouldCountAnErrorBeforeTheJobWasReadAsOfAnUnknownConcept() {
        metrics.errored(TestCatalogue.exchange());

        assertThat(count(ConversionMetrics.ERRORS, "concept", "unknown")).isEqualTo(1.0);
    }
}
