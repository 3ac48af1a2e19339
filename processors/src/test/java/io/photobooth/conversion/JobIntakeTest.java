package io.photobooth.conversion;

import static io.photobooth.support.TestCatalogue.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.Json;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class JobIntakeTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private final JobIntake intake = new JobIntake(TestCatalogue.CLOCK);

    private static ConversionJob job(int version) {
        return new ConversionJob(version, ID, 2, 3, "test", "acme", "comic",
                "uploads/test/acme/" + ID + "/2.jpg", "results/test/acme/" + ID + "/2.jpg",
                Instant.parse("2025-03-04T05:00:00Z"), null);
    }

    private static Exchange received(String body) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void shouldKeepJobAndStartTimeInProperties() throws Exception {
        Exchange exchange = received(Json.mapper().writeValueAsString(job(1)));

        intake.process(exchange);

        assertThat(exchange.getProperty(JobIntake.JOB)).isEqualTo(job(1));
        assertThat(exchange.getProperty(JobIntake.STARTED_AT)).isEqualTo(NOW);
    }

    @Test
    void shouldSetHeadersOfWorkerRoute() throws Exception {
        Exchange exchange = received(Json.mapper().writeValueAsString(job(1)));

        intake.process(exchange);

        assertThat(exchange.getMessage().getHeader(KioskHeaders.REQUEST_ID)).isEqualTo(ID);
        assertThat(exchange.getMessage().getHeader(KioskHeaders.SHOT)).isEqualTo(2);
        assertThat(exchange.getMessage().getHeader(KioskHeaders.CONCEPT)).isEqualTo("comic");
        assertThat(exchange.getMessage().getHeader("CamelAwsS3Key")).isEqualTo("uploads/test/acme/" + ID + "/2.jpg");
    }

    @Test
    void shouldReadJobOfVersionTwoWithItsDeadline() throws Exception {
        ConversionJob job = new ConversionJob(2, ID, 2, 3, "test", "acme", "comic",
                "uploads/test/acme/" + ID + "/2.jpg", "results/test/acme/" + ID + "/2.jpg",
                Instant.parse("2025-03-04T05:00:00Z"), Instant.parse("2025-03-04T05:02:00Z"));
        Exchange exchange = received(Json.mapper().writeValueAsString(job));

        intake.process(exchange);

        assertThat(exchange.getProperty(JobIntake.JOB)).isEqualTo(job);
    }

    @Test
    void shouldMarkAJobReadAfterItsDeadlineExpiredAndNoOtherJob() throws Exception {
        for (var deadline : new Instant[] {NOW.minusMillis(1), NOW, null}) {
            ConversionJob job = new ConversionJob(2, ID, 2, 3, "test", "acme", "comic", "uploads/x", "results/x",
                    NOW.minusSeconds(60), deadline);
            Exchange exchange = received(Json.mapper().writeValueAsString(job));

            intake.process(exchange);

            assertThat(exchange.getProperty(JobIntake.EXPIRED)).as("deadline %s", deadline)
                    .isEqualTo(deadline != null && deadline.isBefore(NOW));
        }
    }

    @Test
    void shouldRefuseOtherJobVersion() throws Exception {
        Exchange exchange = received(Json.mapper().writeValueAsString(job(3)));

        assertThatThrownBy(() -> intake.process(exchange))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 3");
        assertThat(exchange.getProperty(JobIntake.JOB)).isNull();
        assertThat(exchange.getMessage().getHeader(KioskHeaders.REQUEST_ID)).isNull();
    }

    @Test
    void shouldRefuseJobWithUnknownField() throws Exception {
        String json = Json.mapper().writeValueAsString(job(1)).replaceFirst("\\{", "{\"extra\":true,");

        assertThatThrownBy(() -> intake.process(received(json))).isInstanceOf(UnrecognizedPropertyException.class);
    }
}
