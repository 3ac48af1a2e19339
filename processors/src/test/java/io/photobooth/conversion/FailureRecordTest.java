package io.photobooth.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.ConversionStatus;
import io.photobooth.contract.Json;
import io.photobooth.filter.UnusablePhotoException;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class FailureRecordTest {

    static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    static final ConversionJob JOB = new ConversionJob(1, ID, 2, 3, "test", "acme", "sketch",
            "uploads/test/acme/" + ID + "/2.jpg", "results/test/acme/" + ID + "/2.jpg", Instant.EPOCH, null);

    @Test
    void shouldPutTheAnnouncedFailedEventAsJsonBesideTheResultKey() throws Exception {
        Exchange exchange = TestCatalogue.exchange();
        exchange.setProperty(JobIntake.JOB, JOB);
        exchange.setProperty(JobIntake.STARTED_AT, Instant.EPOCH);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new UnusablePhotoException("the upload is not a photo"));
        new CompletionAnnouncer("gen-7", TestCatalogue.CLOCK).process(exchange);

        new FailureRecord().process(exchange);

        assertThat(exchange.getMessage().getHeader("CamelAwsS3Key"))
                .isEqualTo("results/test/acme/" + ID + "/2.failed.json");
        assertThat(exchange.getMessage().getHeader("CamelAwsS3ContentType")).isEqualTo("application/json");
        byte[] body = exchange.getMessage().getBody(byte[].class);
        assertThat(exchange.getMessage().getHeader("CamelAwsS3ContentLength")).isEqualTo((long) body.length);
        CompletionEvent stored = Json.mapper().readValue(body, CompletionEvent.class);
        assertThat(stored.status()).isEqualTo(ConversionStatus.FAILED);
        assertThat(stored.error()).isEqualTo("the upload is not a photo");
        assertThat(exchange.getMessage().getHeader("CamelRedis.Message", String.class))
                .as("the publish that follows still has the event").isEqualTo(new String(body));
    }
}
