package io.photobooth.conversion;

import static io.photobooth.support.TestCatalogue.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.Json;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class JobBatchTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final Instant DEADLINE = NOW.plusSeconds(120);

    private final JobBatch batch = new JobBatch("test", TestCatalogue.CLOCK);

    private static Exchange request(int shots) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.REQUEST_ID, ID);
        exchange.getMessage().setHeader(KioskHeaders.VENDOR, "acme");
        exchange.getMessage().setHeader(KioskHeaders.CONCEPT, "sketch");
        exchange.getMessage().setHeader(KioskHeaders.SHOTS, shots);
        exchange.getMessage().setHeader(KioskHeaders.PHOTO_CONTENT_TYPE, "image/jpeg");
        exchange.getMessage().setHeader(KioskHeaders.DEADLINE_AT, Timestamp.from(DEADLINE));
        return exchange;
    }

    @SuppressWarnings("unchecked")
    private static List<ConversionJob> jobs(Exchange exchange) throws Exception {
        List<String> messages = exchange.getMessage().getBody(List.class);
        List<ConversionJob> jobs = new java.util.ArrayList<>();
        for (String message : messages) {
            jobs.add(Json.mapper().readValue(message, ConversionJob.class));
        }
        return jobs;
    }

    @Test
    void shouldBuildOneJsonJobPerShot() throws Exception {
        Exchange exchange = request(3);

        batch.process(exchange);

        assertThat(exchange.getMessage().getBody(List.class)).hasSize(3).allMatch(String.class::isInstance);
        assertThat(jobs(exchange)).containsExactly(
                new ConversionJob(ConversionJob.VERSION, ID, 1, 3, "test", "acme", "sketch",
                        "uploads/test/acme/" + ID + "/1.jpg", "results/test/acme/" + ID + "/1.jpg", NOW, DEADLINE),
                new ConversionJob(ConversionJob.VERSION, ID, 2, 3, "test", "acme", "sketch",
                        "uploads/test/acme/" + ID + "/2.jpg", "results/test/acme/" + ID + "/2.jpg", NOW, DEADLINE),
                new ConversionJob(ConversionJob.VERSION, ID, 3, 3, "test", "acme", "sketch",
                        "uploads/test/acme/" + ID + "/3.jpg", "results/test/acme/" + ID + "/3.jpg", NOW, DEADLINE));
    }

    @Test
    void shouldNameQueueOfVendorAndConcept() {
        Exchange exchange = request(1);

        batch.process(exchange);

        assertThat(exchange.getMessage().getHeader(JobBatch.QUEUE)).isEqualTo("test-acme-sketch");
    }

    @Test
    void shouldBuildSingleJobForSingleShot() throws Exception {
        Exchange exchange = request(1);

        batch.process(exchange);

        assertThat(jobs(exchange)).singleElement().satisfies(job -> {
            assertThat(job.shot()).isEqualTo(1);
            assertThat(job.shots()).isEqualTo(1);
        });
    }
}
