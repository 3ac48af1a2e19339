package io.photobooth.completion;

import java.util.Map;
import java.util.TreeMap;

import io.photobooth.contract.CompletionEvent;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Aggregates the completion events of one request into a map by shot, so that an event delivered
 * twice counts once. {@link #isComplete} tells when every shot has reported.
 */
public class ShotCompletions implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange aggregated, Exchange incoming) {
        CompletionEvent event = incoming.getMessage().getBody(CompletionEvent.class);
        Exchange target = aggregated == null ? incoming : aggregated;
        @SuppressWarnings("unchecked")
        Map<Integer, CompletionEvent> byShot = aggregated == null
                ? new TreeMap<>()
                : aggregated.getMessage().getBody(Map.class);
        byShot.putIfAbsent(event.shot(), event);
        target.getMessage().setBody(byShot);
        target.getMessage().setHeader("shots", event.shots());
        return target;
    }

    /** True once the aggregated map holds an event for every shot of the request. */
    public static boolean isComplete(Exchange aggregated) {
        Map<?, ?> byShot = aggregated.getMessage().getBody(Map.class);
        Integer shots = aggregated.getMessage().getHeader("shots", Integer.class);
        return byShot != null && shots != null && byShot.size() >= shots;
    }
}
