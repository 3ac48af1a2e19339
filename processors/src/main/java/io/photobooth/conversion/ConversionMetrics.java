package io.photobooth.conversion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.photobooth.contract.ConversionJob;

import org.apache.camel.Exchange;

/**
 * The generator's meters, each tagged with the job's {@code concept}: jobs received, completed
 * ({@code outcome} {@code done}, {@code failed} or {@code expired}) and ended by an error; the queue wait (enqueued to
 * started), the model's inference time, and the time from start and from enqueue to the published
 * completion. The worker route calls it with the exchange that {@link JobIntake} read.
 */
public class ConversionMetrics {

    public static final String RECEIVED = "photobooth.jobs.received";
    public static final String COMPLETED = "photobooth.jobs.completed";
    public static final String ERRORS = "photobooth.jobs.errors";
    public static final String QUEUE_WAIT = "photobooth.jobs.queue.wait";
    public static final String INFERENCE = "photobooth.inference";
    public static final String DURATION = "photobooth.jobs.duration";
    public static final String END_TO_END = "photobooth.jobs.end.to.end";

    public static final String CONCEPT = "concept";
    public static final String OUTCOME = "outcome";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String EXPIRED = "expired";
    /** The concept of an error before the job was read. */
    public static final String UNKNOWN = "unknown";

    /** The exchange property holding when the model call started. */
    public static final String CONVERTING_SINCE = "photoboothConvertingSince";
    /** The exchange property holding the model call's time in milliseconds: the shot's GPU time in usage. */
    public static final String INFERENCE_MILLIS = "photoboothInferenceMillis";

    /** The longest wait the histograms resolve: a queue waits out a generator's boot (minutes). */
    private static final Duration LONGEST = Duration.ofMinutes(10);

    private final MeterRegistry registry;
    private final Clock clock;

    public ConversionMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** A job was read: counts it and records how long it waited in the queue. */
    public void received(Exchange exchange) {
        ConversionJob job = job(exchange);
        Tags tags = Tags.of(CONCEPT, job.concept());
        counter(RECEIVED, "Jobs received from the queue, redeliveries included", tags).increment();
        timer(QUEUE_WAIT, "From the job's enqueue to the start of its conversion", tags)
                .record(Duration.between(job.enqueuedAt(), startedAt(exchange)));
    }

    /** The model call starts. */
    public void converting(Exchange exchange) {
        exchange.setProperty(CONVERTING_SINCE, clock.instant());
    }

    /** The model call returned: records its time, and keeps it for the completion event. */
    public void converted(Exchange exchange) {
        Instant since = exchange.getProperty(CONVERTING_SINCE, Instant.class);
        Duration inference = Duration.between(since, clock.instant());
        exchange.setProperty(INFERENCE_MILLIS, inference.toMillis());
        timer(INFERENCE, "The concept's model converting one photo", Tags.of(CONCEPT, job(exchange).concept()))
                .record(inference);
    }

    /** The DONE completion was published. */
    public void succeeded(Exchange exchange) {
        completed(exchange, DONE);
    }

    /** The FAILED completion of an unusable photo was published. */
    public void failed(Exchange exchange) {
        completed(exchange, FAILED);
    }

    /** The EXPIRED completion of a job read after its deadline was published. */
    public void expired(Exchange exchange) {
        completed(exchange, EXPIRED);
    }

    /** The exchange ended with an exception: the job stays on the queue for a redelivery. */
    public void errored(Exchange exchange) {
        ConversionJob job = job(exchange);
        String concept = job == null ? UNKNOWN : job.concept();
        counter(ERRORS, "Jobs that ended with an error, left on the queue", Tags.of(CONCEPT, concept)).increment();
    }

    private void completed(Exchange exchange, String outcome) {
        ConversionJob job = job(exchange);
        Instant now = clock.instant();
        Tags tags = Tags.of(CONCEPT, job.concept(), OUTCOME, outcome);
        counter(COMPLETED, "Jobs whose completion was published", tags).increment();
        timer(DURATION, "From the start of a job's conversion to its published completion", tags)
                .record(Duration.between(startedAt(exchange), now));
        timer(END_TO_END, "From the job's enqueue to its published completion", tags)
                .record(Duration.between(job.enqueuedAt(), now));
    }

    private Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private Timer timer(String name, String description, Tags tags) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .publishPercentileHistogram()
                .maximumExpectedValue(LONGEST)
                .register(registry);
    }

    private static ConversionJob job(Exchange exchange) {
        return exchange.getProperty(JobIntake.JOB, ConversionJob.class);
    }

    private static Instant startedAt(Exchange exchange) {
        return exchange.getProperty(JobIntake.STARTED_AT, Instant.class);
    }
}
