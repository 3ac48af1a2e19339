package io.photobooth.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

class UploadSizeCheckTest {

    private final UploadSizeCheck check = new UploadSizeCheck(new PhotoDecoder(1_000, 1_000_000));

    @Test
    void refusesAnOversizedUploadFromItsStoredSizeAndAbortsItsStream() {
        AtomicBoolean aborted = new AtomicBoolean();
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(UploadSizeCheck.CONTENT_LENGTH, 1_001L);
        exchange.getMessage().setBody(new ResponseInputStream<>(GetObjectResponse.builder().build(),
                AbortableInputStream.create(new ByteArrayInputStream(new byte[1_001]), () -> aborted.set(true))));

        assertThatThrownBy(() -> check.process(exchange)).isInstanceOf(UnusablePhotoException.class)
                .hasMessage("the upload has 1,001 bytes, more than the 1,000 bytes allowed");
        assertThat(aborted).isTrue();
    }

    @Test
    void letsAnUploadWithinTheLimitOrOfUnknownSizeGoOn() {
        Exchange within = TestCatalogue.exchange();
        within.getMessage().setHeader(UploadSizeCheck.CONTENT_LENGTH, 1_000L);
        check.process(within);

        check.process(TestCatalogue.exchange());
    }
}
