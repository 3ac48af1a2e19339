package io.photobooth.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;

import io.photobooth.contract.ShotStatus;
import io.photobooth.kiosk.UploadUrlsResponder.UploadUrls;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UploadUrlsResponderTest {

    static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private final UploadUrlsResponder responder = new UploadUrlsResponder(TestCatalogue.presigner(TestCatalogue.s3Presigner()), "test");

    private static Exchange stored(ShotStatus status, String contentType) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.VENDOR, "acme");
        exchange.getMessage().setBody(new RequestAnswer(ID, "sketch", 2, contentType, status,
                Instant.parse("2025-06-01T11:59:00Z"), null, 120, null, false, null, List.of(), "/api/v1/requests/" + ID));
        return exchange;
    }

    @ParameterizedTest
    @EnumSource(value = ShotStatus.class, names = {"PRE_REQUESTED", "UPLOADED"})
    void shouldPresignAFreshUploadPerShotInTheRequestsFormat(ShotStatus status) {
        Exchange exchange = stored(status, "image/png");

        responder.process(exchange);

        UploadUrls answer = exchange.getMessage().getBody(UploadUrls.class);
        assertThat(answer.requestId()).isEqualTo(ID);
        assertThat(answer.contentType()).isEqualTo("image/png");
        assertThat(answer.uploads()).extracting(ShotUpload::shot).containsExactly(1, 2);
        assertThat(answer.uploads()).allSatisfy(upload -> {
            assertThat(upload.method()).isEqualTo("PUT");
            assertThat(upload.headers()).containsEntry("Content-Type", "image/png");
            assertThat(upload.url()).contains("/uploads/test/acme/" + ID + "/" + upload.shot() + ".png");
        });
    }

    @ParameterizedTest
    @EnumSource(value = ShotStatus.class, names = {"QUEUED", "DONE", "FAILED", "EXPIRED"})
    void shouldRefuseOnceTheUploadsAreClosed(ShotStatus status) {
        Exchange exchange = stored(status, "image/jpeg");

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> responder.process(exchange));

        assertThat(problem.type()).isEqualTo(ProblemType.UPLOADS_CLOSED);
        assertThat(problem.type().status()).isEqualTo(409);
        assertThat(problem.extensions()).containsEntry("requestStatus", status.name());
    }
}
