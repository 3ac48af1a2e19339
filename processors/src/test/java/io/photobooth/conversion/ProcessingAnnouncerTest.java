package io.photobooth.conversion;

import static io.photobooth.conversion.CompletionAnnouncerTest.ID;
import static io.photobooth.conversion.CompletionAnnouncerTest.JOB;
import static io.photobooth.conversion.CompletionAnnouncerTest.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.ConversionStatus;
import io.photobooth.contract.Json;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class ProcessingAnnouncerTest {

    static Exchange announced() throws Exception {
        Exchange exchange = TestCatalogue.exchange();
        exchange.setProperty(JobIntake.JOB, JOB);
        exchange.setProperty(JobIntake.STARTED_AT, STARTED);
        new ProcessingAnnouncer("gen-7").process(exchange);
        return exchange;
    }

    @Test
    void shouldPublishOnTheChannelOfTheRequestLikeTheCompletion() throws Exception {
        assertThat(announced().getMessage().getHeader(CompletionAnnouncer.CHANNEL))
                .isEqualTo("photobooth:test:done:" + ID);
    }

    @Test
    void shouldPublishAProcessingEventWithoutOutcome() throws Exception {
        String message = announced().getMessage().getHeader(CompletionAnnouncer.MESSAGE, String.class);

        assertThat(Json.mapper().readValue(message, CompletionEvent.class)).isEqualTo(new CompletionEvent(2, ID, 2, 3,
                ConversionStatus.PROCESSING, null, null, "gen-7", STARTED, null, null, null));
        assertThat(Json.mapper().readTree(message).has("finishedAt")).as("null members are left out").isFalse();
    }
}
