package io.photobooth.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.model.S3Object;

class UploadVerifierTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private final UploadVerifier verifier = new UploadVerifier("test");

    private static S3Object object(String key, Long size) {
        return S3Object.builder().key(key).size(size).build();
    }

    private static String key(int shot) {
        return "uploads/test/acme/" + ID + "/" + shot + ".jpg";
    }

    private static Exchange listing(int shots, List<S3Object> objects) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.REQUEST_ID, ID);
        exchange.getMessage().setHeader(KioskHeaders.VENDOR, "acme");
        exchange.getMessage().setHeader(KioskHeaders.SHOTS, shots);
        exchange.getMessage().setHeader(KioskHeaders.PHOTO_CONTENT_TYPE, "image/jpeg");
        exchange.getMessage().setBody(objects);
        return exchange;
    }

    @Test
    void shouldPassWhenEveryShotIsUploaded() {
        Exchange exchange = listing(3, List.of(object(key(3), 10L), object(key(1), 2048L), object(key(2), 1L)));

        assertThatCode(() -> verifier.process(exchange)).doesNotThrowAnyException();
        assertThat(exchange.getMessage().getBody(List.class)).hasSize(3);
    }

    @Test
    void shouldNameMissingShot() {
        Exchange exchange = listing(3, List.of(object(key(1), 100L), object(key(3), 100L)));

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> verifier.process(exchange));

        assertThat(problem.type()).isEqualTo(ProblemType.UPLOADS_MISSING);
        assertThat(problem.type().status()).isEqualTo(409);
        assertThat(problem.extensions()).containsEntry("missingShots", List.of(2));
        assertThat(problem.getMessage()).contains("[2]");
    }

    @Test
    void shouldCountEmptyObjectAsMissing() {
        Exchange exchange = listing(3, List.of(object(key(1), 100L), object(key(2), 0L), object(key(3), 100L)));

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> verifier.process(exchange));

        assertThat(problem.extensions()).containsEntry("missingShots", List.of(2));
    }

    @Test
    void shouldCountObjectWithoutSizeAsMissing() {
        Exchange exchange = listing(1, List.of(object(key(1), null)));

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> verifier.process(exchange));

        assertThat(problem.extensions()).containsEntry("missingShots", List.of(1));
    }

    @Test
    void shouldNameEveryShotWhenNothingIsUploaded() {
        Exchange exchange = listing(4, List.of());

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> verifier.process(exchange));

        assertThat(problem.extensions()).containsEntry("missingShots", List.of(1, 2, 3, 4));
    }

    @Test
    void shouldIgnoreObjectsOfOtherShotsOrVendors() {
        Exchange exchange = listing(2, List.of(
                object(key(1), 100L),
                object(key(5), 100L),
                object("uploads/test/globex/" + ID + "/2.jpg", 100L),
                object("uploads/prod/acme/" + ID + "/2.jpg", 100L),
                object(key(2) + ".bak", 100L)));

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> verifier.process(exchange));

        assertThat(problem.extensions()).containsEntry("missingShots", List.of(2));
    }

    @Test
    void shouldGiveUploadPrefixOfRequest() {
        assertThat(UploadVerifier.prefix("test", "acme", ID)).isEqualTo("uploads/test/acme/" + ID + "/");
    }
}
