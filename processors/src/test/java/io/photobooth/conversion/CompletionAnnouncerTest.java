package io.photobooth.conversion;

import static io.photobooth.support.TestCatalogue.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.Json;
import io.photobooth.contract.RefundReason;
import io.photobooth.contract.ConversionStatus;
import io.photobooth.filter.UnusablePhotoException;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class CompletionAnnouncerTest {

    static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    static final Instant STARTED = Instant.parse("2025-03-04T05:06:00.250Z");
    static final ConversionJob JOB = new ConversionJob(1, ID, 2, 3, "test", "acme", "sketch",
            "uploads/test/acme/" + ID + "/2.jpg", "results/test/acme/" + ID + "/2.jpg", Instant.EPOCH, null);

    static Exchange announced() throws Exception {
        Exchange exchange = TestCatalogue.exchange();
        exchange.setProperty(JobIntake.JOB, JOB);
        exchange.setProperty(JobIntake.STARTED_AT, STARTED);
        exchange.setProperty(ConversionMetrics.INFERENCE_MILLIS, 640L);
        new CompletionAnnouncer("gen-7", TestCatalogue.CLOCK).process(exchange);
        return exchange;
    }

    @Test
    void shouldPublishOnChannelOfTheRequest() throws Exception {
        Exchange exchange = announced();

        assertThat(exchange.getMessage().getHeader("CamelRedis.Channel")).isEqualTo("photobooth:test:done:" + ID);
    }

    @Test
    void shouldPublishDoneEventAsJson() throws Exception {
        Exchange exchange = announced();

        String message = exchange.getMessage().getHeader("CamelRedis.Message", String.class);
        assertThat(Json.mapper().readValue(message, CompletionEvent.class)).isEqualTo(new CompletionEvent(2, ID, 2, 3,
                ConversionStatus.DONE, "results/test/acme/" + ID + "/2.jpg", null, "gen-7", STARTED, NOW, null, 640L));
    }

    @Test
    void shouldPublishAnExpiredEventWithoutModelTimeForAJobReadAfterItsDeadline() throws Exception {
        ConversionJob late = new ConversionJob(2, ID, 2, 3, "test", "acme", "sketch", JOB.inputKey(), JOB.outputKey(),
                Instant.EPOCH, STARTED.minusSeconds(1));
        Exchange exchange = TestCatalogue.exchange();
        exchange.setProperty(JobIntake.JOB, late);
        exchange.setProperty(JobIntake.STARTED_AT, STARTED);
        exchange.setProperty(JobIntake.EXPIRED, true);

        new CompletionAnnouncer("gen-7", TestCatalogue.CLOCK).process(exchange);

        CompletionEvent event = Json.mapper().readValue(
                exchange.getMessage().getHeader("CamelRedis.Message", String.class), CompletionEvent.class);
        assertThat(event.status()).isEqualTo(ConversionStatus.EXPIRED);
        assertThat(event.reason()).isEqualTo(RefundReason.DEADLINE_MISSED);
        assertThat(event.outputKey()).isNull();
        assertThat(event.gpuMillis()).isNull();
        assertThat(event.startedAt()).as("never started").isNull();
        assertThat(event.finishedAt()).isEqualTo(STARTED);
        assertThat(event.error()).contains(STARTED.minusSeconds(1).toString());
    }

    @Test
    void shouldPublishFailedEventWithTheReasonWhenThePhotoWasUnusable() throws Exception {
        Exchange exchange = TestCatalogue.exchange();
        exchange.setProperty(JobIntake.JOB, JOB);
        exchange.setProperty(JobIntake.STARTED_AT, STARTED);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new UnusablePhotoException("the upload is not a photo"));

        new CompletionAnnouncer("gen-7", TestCatalogue.CLOCK).process(exchange);

        String message = exchange.getMessage().getHeader("CamelRedis.Message", String.class);
        assertThat(Json.mapper().readValue(message, CompletionEvent.class)).isEqualTo(new CompletionEvent(2, ID, 2, 3,
                ConversionStatus.FAILED, null, "the upload is not a photo", "gen-7", STARTED, NOW,
                RefundReason.INPUT_REJECTED, null));
    }

    @Test
    void shouldNotTurnAnyOtherFailureIntoAFailedShot() throws Exception {
        Exchange exchange = TestCatalogue.exchange();
        exchange.setProperty(JobIntake.JOB, JOB);
        exchange.setProperty(JobIntake.STARTED_AT, STARTED);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("S3 is down"));

        new CompletionAnnouncer("gen-7", TestCatalogue.CLOCK).process(exchange);

        String message = exchange.getMessage().getHeader("CamelRedis.Message", String.class);
        assertThat(Json.mapper().readValue(message, CompletionEvent.class).status()).isEqualTo(ConversionStatus.DONE);
    }
}
