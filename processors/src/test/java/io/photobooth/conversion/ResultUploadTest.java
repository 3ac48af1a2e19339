package io.photobooth.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.photobooth.contract.ConversionJob;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class ResultUploadTest {

    @Test
    void shouldPointPutAtResultKeyAsJpeg() {
        ConversionJob job = new ConversionJob(1, "id", 1, 1, "test", "acme", "sketch",
                "uploads/test/acme/id/1.jpg", "results/test/acme/id/1.jpg", Instant.EPOCH, null);
        Exchange exchange = TestCatalogue.exchange();
        exchange.setProperty(JobIntake.JOB, job);
        exchange.getMessage().setHeader(JobIntake.S3_KEY, job.inputKey());
        exchange.getMessage().setBody(new byte[1234]);

        new ResultUpload().process(exchange);

        assertThat(exchange.getMessage().getHeader("CamelAwsS3Key")).isEqualTo("results/test/acme/id/1.jpg");
        assertThat(exchange.getMessage().getHeader("CamelAwsS3ContentType")).isEqualTo("image/jpeg");
        assertThat(exchange.getMessage().getHeader("CamelAwsS3ContentLength")).isEqualTo(1234L);
    }
}
