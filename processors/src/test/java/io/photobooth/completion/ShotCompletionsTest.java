package io.photobooth.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.ShotStatus;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class ShotCompletionsTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private final ShotCompletions completions = new ShotCompletions();

    private static CompletionEvent event(int shot, int shots, ShotStatus status, String generator) {
        return new CompletionEvent(1, ID, shot, shots, status, "results/test/acme/" + ID + "/" + shot + ".jpg",
                null, generator, Instant.EPOCH, Instant.EPOCH.plusSeconds(1));
    }

    private static Exchange incoming(CompletionEvent event) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setBody(event);
        return exchange;
    }

    private Exchange aggregateAll(CompletionEvent... events) {
        Exchange aggregated = null;
        for (CompletionEvent event : events) {
            aggregated = completions.aggregate(aggregated, incoming(event));
        }
        return aggregated;
    }

    @SuppressWarnings("unchecked")
    private static Map<Integer, CompletionEvent> byShot(Exchange aggregated) {
        return aggregated.getMessage().getBody(Map.class);
    }

    @Test
    void shouldCollectEventsByShot() {
        Exchange aggregated = aggregateAll(event(2, 3, ShotStatus.DONE, "a"), event(1, 3, ShotStatus.DONE, "a"));

        assertThat(byShot(aggregated)).containsOnlyKeys(1, 2);
        assertThat(byShot(aggregated).keySet()).containsExactly(1, 2);
        assertThat(aggregated.getMessage().getHeader("shots")).isEqualTo(3);
    }

    @Test
    void shouldCountDuplicatedEventOnce() {
        Exchange aggregated = aggregateAll(event(1, 2, ShotStatus.DONE, "first"), event(1, 2, ShotStatus.DONE, "second"));

        assertThat(byShot(aggregated)).hasSize(1);
        assertThat(byShot(aggregated).get(1).generator()).isEqualTo("first");
        assertThat(ShotCompletions.isComplete(aggregated)).isFalse();
    }

    @Test
    void shouldBeCompleteOnlyWhenEveryShotReported() {
        Exchange aggregated = aggregateAll(event(1, 3, ShotStatus.DONE, "a"));
        assertThat(ShotCompletions.isComplete(aggregated)).isFalse();

        aggregated = completions.aggregate(aggregated, incoming(event(3, 3, ShotStatus.FAILED, "a")));
        assertThat(ShotCompletions.isComplete(aggregated)).isFalse();

        aggregated = completions.aggregate(aggregated, incoming(event(3, 3, ShotStatus.FAILED, "b")));
        assertThat(ShotCompletions.isComplete(aggregated)).isFalse();

        aggregated = completions.aggregate(aggregated, incoming(event(2, 3, ShotStatus.DONE, "a")));
        assertThat(ShotCompletions.isComplete(aggregated)).isTrue();
        assertThat(byShot(aggregated)).hasSize(3);
    }

    @Test
    void shouldBeCompleteAtOnceForSingleShot() {
        assertThat(ShotCompletions.isComplete(aggregateAll(event(1, 1, ShotStatus.DONE, "a")))).isTrue();
    }

    @Test
    void shouldNotBeCompleteWithoutAggregatedMap() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader("shots", 1);

        assertThat(ShotCompletions.isComplete(exchange)).isFalse();
    }
}
