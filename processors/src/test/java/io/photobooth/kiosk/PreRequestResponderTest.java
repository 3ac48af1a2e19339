package io.photobooth.kiosk;

import static io.photobooth.support.TestCatalogue.NOW;
import static io.photobooth.support.TestCatalogue.UPLOAD_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.photobooth.contract.ShotStatus;
import io.photobooth.fleet.FleetHeaders;
import io.photobooth.fleet.GeneratorState;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class PreRequestResponderTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final S3Presigner S3 = TestCatalogue.s3Presigner();

    private final PreRequestResponder responder = new PreRequestResponder(TestCatalogue.presigner(S3), "test");

    @AfterAll
    static void closePresigner() {
        S3.close();
    }

    private static Exchange recorded(String concept, int shots) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.REQUEST_ID, ID);
        exchange.getMessage().setHeader(KioskHeaders.VENDOR, "acme");
        exchange.getMessage().setHeader(KioskHeaders.CONCEPT, concept);
        exchange.getMessage().setHeader(KioskHeaders.SHOTS, shots);
        exchange.getMessage().setHeader(KioskHeaders.PHOTO_CONTENT_TYPE, "image/jpeg");
        return exchange;
    }

    @Test
    void shouldPresignOnePutPerShot() {
        Exchange exchange = recorded("sketch", 3);

        responder.process(exchange);

        PreRequestAnswer answer = exchange.getMessage().getBody(PreRequestAnswer.class);
        assertThat(answer.uploads()).extracting(ShotUpload::shot).containsExactly(1, 2, 3);
        assertThat(answer.uploads()).allSatisfy(upload -> {
            assertThat(upload.method()).isEqualTo("PUT");
            assertThat(upload.headers()).isEqualTo(Map.of("Content-Type", "image/jpeg"));
            assertThat(upload.expiresAt()).isEqualTo(NOW.plus(UPLOAD_EXPIRY));
            assertThat(upload.url()).startsWith(
                    "http://127.0.0.1:9/photos/uploads/test/acme/" + ID + "/" + upload.shot() + ".jpg?");
        });
        assertThat(answer.uploads()).extracting(ShotUpload::url).doesNotHaveDuplicates();
    }

    @Test
    void shouldDescribeThePreRequest() {
        Exchange exchange = recorded("sketch", 2);

        responder.process(exchange);

        PreRequestAnswer answer = exchange.getMessage().getBody(PreRequestAnswer.class);
        assertThat(answer.requestId()).isEqualTo(ID);
        assertThat(answer.concept()).isEqualTo("sketch");
        assertThat(answer.shots()).isEqualTo(2);
        assertThat(answer.status()).isEqualTo(ShotStatus.PRE_REQUESTED);
        assertThat(answer.conversionUrl()).isEqualTo("/api/v1/requests/" + ID + "/conversion");
        assertThat(answer.statusUrl()).isEqualTo("/api/v1/requests/" + ID);
    }

    @Test
    void shouldReportTheGeneratorStateTheWarmUpFound() {
        Exchange ready = recorded("sketch", 1);
        ready.getMessage().setHeader(FleetHeaders.STATE, GeneratorState.READY);
        Exchange unknown = recorded("comic", 1);

        responder.process(ready);
        responder.process(unknown);

        assertThat(ready.getMessage().getBody(PreRequestAnswer.class).generator()).isEqualTo(GeneratorState.READY);
        assertThat(unknown.getMessage().getBody(PreRequestAnswer.class).generator())
                .as("a warm-up that could not tell").isEqualTo(GeneratorState.STARTING);
    }
}
