package io.photobooth.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.ConversionStatus;
import io.photobooth.contract.Json;
import io.photobooth.contract.RefundReason;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

class DeadLetterAnnouncerTest {

    private static final String REQUEST_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private final DeadLetterAnnouncer announcer = new DeadLetterAnnouncer(3, TestCatalogue.CLOCK);

    @Test
    void aDeadLetteredJobBecomesTheShotsFailureRecordAndItsFailedEvent() throws Exception {
        ConversionJob job = new ConversionJob(1, REQUEST_ID, 2, 3, "test", "acme", "sketch",
                "uploads/test/acme/" + REQUEST_ID + "/2.jpg", "results/test/acme/" + REQUEST_ID + "/2.jpg",
                TestCatalogue.NOW.minusSeconds(60), null);
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setBody(Json.mapper().writeValueAsString(job));

        announcer.process(exchange);

        CompletionEvent expected = new CompletionEvent(2, REQUEST_ID, 2, 3, ConversionStatus.FAILED, null,
                "the generator could not convert this shot (3 attempts failed)", "dead-letter", null,
                TestCatalogue.NOW, RefundReason.GENERATOR_FAILED, null);
        String json = exchange.getMessage().getHeader(CompletionAnnouncer.MESSAGE, String.class);
        assertThat(Json.mapper().readValue(json, CompletionEvent.class)).isEqualTo(expected);
        assertThat(new String(exchange.getMessage().getBody(byte[].class), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(exchange.getMessage().getHeaders())
                .containsEntry(JobIntake.S3_KEY, "results/test/acme/" + REQUEST_ID + "/2.failed.json")
                .containsEntry(ResultUpload.CONTENT_TYPE, "application/json")
                .containsEntry(ResultUpload.CONTENT_LENGTH, (long) json.getBytes(StandardCharsets.UTF_8).length)
                .containsEntry(CompletionAnnouncer.CHANNEL, "photobooth:test:done:" + REQUEST_ID)
                .containsEntry("requestId", REQUEST_ID)
                .containsEntry("shot", 2);
    }

    @Test
    void aMessageThatIsNoJobIsRefused() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setBody("{\"hello\":1}");

        assertThatThrownBy(() -> announcer.process(exchange)).isInstanceOf(JsonProcessingException.class);
    }
}
