package io.photobooth.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;

import io.photobooth.catalogue.PhotoboothProperties.Callbacks;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.junit.jupiter.api.Test;

class CallbackOutcomeTest {

    private static final Callbacks SETTINGS = new Callbacks(Duration.ofSeconds(1), 20, Duration.ofSeconds(10),
            Duration.ofSeconds(2), Duration.ofSeconds(30), 5);

    private final CallbackOutcome outcome = new CallbackOutcome(SETTINGS, TestCatalogue.CLOCK);

    private static Exchange attempted(int attemptsBefore, long tookMillis) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(CallbackHeaders.ATTEMPTS, attemptsBefore);
        exchange.getMessage().setHeader(CallbackHeaders.STARTED_AT, TestCatalogue.NOW.toEpochMilli() - tookMillis);
        return exchange;
    }

    @Test
    void aTwoHundredDeliversIt() {
        Exchange exchange = attempted(0, 35);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);

        outcome.process(exchange);

        Message in = exchange.getMessage();
        assertThat(in.getHeader(CallbackHeaders.DELIVERY_STATUS)).isEqualTo("DELIVERED");
        assertThat(in.getHeader(CallbackHeaders.ATTEMPT)).isEqualTo(1);
        assertThat(in.getHeader(CallbackHeaders.STATUS_CODE)).isEqualTo(204);
        assertThat(in.getHeader(CallbackHeaders.ERROR)).isNull();
        assertThat(in.getHeader(CallbackHeaders.DURATION_MS)).isEqualTo(35L);
    }

    @Test
    void anyOtherAnswerIsRetriedLater() {
        Exchange exchange = attempted(1, 10);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 503);

        outcome.process(exchange);

        Message in = exchange.getMessage();
        assertThat(in.getHeader(CallbackHeaders.DELIVERY_STATUS)).isEqualTo("PENDING");
        assertThat(in.getHeader(CallbackHeaders.ATTEMPT)).isEqualTo(2);
        assertThat(in.getHeader(CallbackHeaders.STATUS_CODE)).isEqualTo(503);
        assertThat(in.getHeader(CallbackHeaders.RETRY_DELAY_MILLIS)).isEqualTo(4000L);
    }

    @Test
    void noAnswerIsAnAttemptWithItsError() {
        Exchange exchange = attempted(0, 3);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new ConnectException("Connection refused"));

        outcome.process(exchange);

        Message in = exchange.getMessage();
        assertThat(in.getHeader(CallbackHeaders.DELIVERY_STATUS)).isEqualTo("PENDING");
        assertThat(in.getHeader(CallbackHeaders.STATUS_CODE)).isNull();
        assertThat(in.getHeader(CallbackHeaders.ERROR)).isEqualTo("ConnectException: Connection refused");
        assertThat(in.getHeader(CallbackHeaders.RETRY_DELAY_MILLIS)).isEqualTo(2000L);
    }

    @Test
    void redirectsAreNotFollowedAndCountAsFailures() {
        Exchange exchange = attempted(0, 3);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 302);

        outcome.process(exchange);

        assertThat(exchange.getMessage().getHeader(CallbackHeaders.DELIVERY_STATUS)).isEqualTo("PENDING");
    }

    @Test
    void backsOffByDoublingUpToTheLongestDelay() {
        assertThat(outcome.retryDelay(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(outcome.retryDelay(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(outcome.retryDelay(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(outcome.retryDelay(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(outcome.retryDelay(400)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void givesUpOnceTheLastAttemptFailed() {
        assertThat(outcome.outcome(4, false).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(outcome.outcome(5, false).status()).isEqualTo(DeliveryStatus.GAVE_UP);
        assertThat(outcome.outcome(5, true).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void keepsALongErrorShort() {
        Exchange exchange = attempted(0, 3);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("x".repeat(1000)));

        outcome.process(exchange);

        assertThat(exchange.getMessage().getHeader(CallbackHeaders.ERROR, String.class))
                .hasSize(CallbackOutcome.MAX_ERROR_LENGTH);
    }
}
