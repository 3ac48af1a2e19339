package io.photobooth.callback;

import java.time.Clock;
import java.time.Duration;

import io.photobooth.catalogue.PhotoboothProperties.Callbacks;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Decides what one attempt of a callback delivery did, after its POST: a {@code 2xx} answer
 * delivers it; any other answer, or none (connection refused, timeout: the exception the POST
 * threw, caught by the route), is a failed attempt, retried {@code firstRetryDelay} later, doubling
 * with each failed attempt up to {@code maxRetryDelay}, until {@code maxAttempts} attempts have
 * failed and the delivery is given up. Sets the headers the statement that records the attempt
 * reads: the attempt's number, status code or error, duration, the delivery's new status and the
 * delay of its next attempt.
 */
public class CallbackOutcome implements Processor {

    /** The longest error text recorded. */
    static final int MAX_ERROR_LENGTH = 300;

    private final Callbacks settings;
    private final Clock clock;

    public CallbackOutcome(Callbacks settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The delivery after an attempt: its status and, while PENDING, when it is attempted again. */
    public record Outcome(int attempt, DeliveryStatus status, Duration retryDelay) {
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Integer statusCode = failure == null ? in.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class) : null;
        int attempt = in.getHeader(CallbackHeaders.ATTEMPTS, Integer.class) + 1;
        Outcome outcome = outcome(attempt, statusCode != null && statusCode >= 200 && statusCode < 300);
        long startedAt = in.getHeader(CallbackHeaders.STARTED_AT, Long.class);
        in.setHeader(CallbackHeaders.ATTEMPT, attempt);
        in.setHeader(CallbackHeaders.STATUS_CODE, statusCode);
        in.setHeader(CallbackHeaders.ERROR, failure == null ? null : describe(failure));
        in.setHeader(CallbackHeaders.DURATION_MS, Math.max(0, clock.millis() - startedAt));
        in.setHeader(CallbackHeaders.DELIVERY_STATUS, outcome.status().name());
        in.setHeader(CallbackHeaders.RETRY_DELAY_MILLIS, outcome.retryDelay().toMillis());
    }

    /** The delivery after its {@code attempt}-th attempt, {@code delivered} or not. */
    public Outcome outcome(int attempt, boolean delivered) {
        if (delivered) {
            return new Outcome(attempt, DeliveryStatus.DELIVERED, Duration.ZERO);
        }
        if (attempt >= settings.maxAttempts()) {
            return new Outcome(attempt, DeliveryStatus.GAVE_UP, Duration.ZERO);
        }
        return new Outcome(attempt, DeliveryStatus.PENDING, retryDelay(attempt));
    }

    /** {@code firstRetryDelay * 2^(attempt - 1)}, at most {@code maxRetryDelay}. */
    public Duration retryDelay(int failedAttempts) {
        Duration delay = settings.firstRetryDelay().multipliedBy(1L << Math.min(failedAttempts - 1, 30));
        return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
    }

    static String describe(Exception failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
