package io.photobooth.support;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulated kiosks of a traffic run did, kept compact (a few dozen bytes per request, so
 * that a long run's ledger hardly weighs in the heap it measures): every request they started with
 * the final status they expect of it, every answer they got counted by call and status, and every
 * answer they did not expect (an anomaly: the run must end with none).
 */
public final class TrafficLedger {

    /** The final status a started request must reach. */
    public enum Outcome {
        DONE, FAILED, EXPIRED
    }

    /** A request a kiosk started: its vendor's index, concept's index and shots, and the outcome it expects. */
    public record Started(UUID requestId, byte vendor, byte concept, byte shots, Outcome expected) {
    }

    private final ConcurrentLinkedQueue<Started> started = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> visits = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> anomalies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> mainRequestMillis = new ConcurrentLinkedQueue<>();

    public void started(String requestId, int vendor, int concept, int shots, Outcome expected) {
        started.add(new Started(UUID.fromString(requestId), (byte) vendor, (byte) concept, (byte) shots, expected));
    }

    /** Counts an answer, as {@code call status}, for instance {@code conversion 202}. */
    public void answered(String call, int status) {
        answers.computeIfAbsent(call + " " + status, key -> new LongAdder()).increment();
    }

    public void visited(String customer) {
        visits.computeIfAbsent(customer, key -> new LongAdder()).increment();
    }

    public void anomaly(String what) {
        anomalies.add(what);
    }

    public void mainRequestTook(long millis) {
        mainRequestMillis.add(millis);
    }

    public List<Started> started() {
        return List.copyOf(started);
    }

    public List<String> anomalies() {
        return List.copyOf(anomalies);
    }

    /** Answers by call and status, sorted. */
    public Map<String, Long> answers() {
        return counts(answers);
    }

    /** Visits by kind of customer, sorted. */
    public Map<String, Long> visits() {
        return counts(visits);
    }

    public long calls() {
        return answers.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The main requests' durations from call to answer, sorted, in milliseconds. */
    public List<Long> mainRequestMillis() {
        return mainRequestMillis.stream().sorted().toList();
    }

    private static Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> counts = new TreeMap<>();
        adders.forEach((key, adder) -> counts.put(key, adder.sum()));
        return counts;
    }
}
