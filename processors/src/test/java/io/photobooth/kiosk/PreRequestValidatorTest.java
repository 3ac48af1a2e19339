package io.photobooth.kiosk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.photobooth.catalogue.PhotoboothProperties.Vendor;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreRequestValidatorTest {

    private final PreRequestValidator validator = new PreRequestValidator(TestCatalogue.properties());

    private static Exchange request(String vendor, String body) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.VENDOR, vendor);
        exchange.getMessage().setBody(body == null ? null : body.getBytes(UTF_8));
        return exchange;
    }

    private ApiProblem refusal(Exchange exchange) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> validator.process(exchange));
        assertThat(problem).as("an ApiProblem").isNotNull();
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKeys(KioskHeaders.CONCEPT, KioskHeaders.SHOTS);
        return problem;
    }

    @Test
    void shouldSetConceptAndShotsHeadersOfValidBody() {
        Exchange exchange = request("acme", "{\"concept\":\"comic\",\"shots\":3}");

        validator.process(exchange);

        assertThat(exchange.getMessage().getHeader(KioskHeaders.CONCEPT)).isEqualTo("comic");
        assertThat(exchange.getMessage().getHeader(KioskHeaders.SHOTS)).isEqualTo(3);
    }

    @Test
    void shouldGiveARequestTheVendorsDeadlineUnlessTheKioskAsksForAShorterOne() {
        Exchange vendors = request("acme", "{\"concept\":\"comic\"}");
        Exchange shorter = request("acme", "{\"concept\":\"comic\",\"deadlineSeconds\":45}");
        Exchange longest = request("acme", "{\"concept\":\"comic\",\"deadlineSeconds\":120}");

        validator.process(vendors);
        validator.process(shorter);
        validator.process(longest);

        assertThat(vendors.getMessage().getHeader(KioskHeaders.DEADLINE_SECONDS)).isEqualTo(120L);
        assertThat(shorter.getMessage().getHeader(KioskHeaders.DEADLINE_SECONDS)).isEqualTo(45L);
        assertThat(longest.getMessage().getHeader(KioskHeaders.DEADLINE_SECONDS)).isEqualTo(120L);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5, 121, 86_400})
    void shouldRefuseADeadlineLongerThanTheVendorsOrNotPositive(int seconds) {
        ApiProblem problem = refusal(request("acme", "{\"concept\":\"comic\",\"deadlineSeconds\":" + seconds + "}"));

        assertThat(problem.type()).isEqualTo(ProblemType.INVALID_DEADLINE);
        assertThat(problem.getMessage()).contains("between 1 and 120");
        assertThat(problem.extensions()).containsEntry("maxDeadlineSeconds", 120L);
    }

    @Test
    void shouldTakeTheVendorsDeadlineOfTheConcept() {
        Map<String, Vendor> vendors = new HashMap<>(TestCatalogue.properties().vendors());
        vendors.put("acme", new Vendor(List.of(), Set.of("sketch", "comic"), Duration.ofSeconds(60),
                Map.of("comic", Duration.ofSeconds(200)), null));
        PreRequestValidator perConcept = new PreRequestValidator(
                TestCatalogue.properties(vendors, TestCatalogue.properties().concepts()));
        Exchange comic = request("acme", "{\"concept\":\"comic\"}");
        Exchange sketch = request("acme", "{\"concept\":\"sketch\"}");

        perConcept.process(comic);
        perConcept.process(sketch);

        assertThat(comic.getMessage().getHeader(KioskHeaders.DEADLINE_SECONDS)).isEqualTo(200L);
        assertThat(sketch.getMessage().getHeader(KioskHeaders.DEADLINE_SECONDS)).isEqualTo(60L);
    }

    @Test
    void shouldDefaultThePhotoFormatToJpeg() {
        Exchange exchange = request("acme", "{\"concept\":\"sketch\"}");

        validator.process(exchange);

        assertThat(exchange.getMessage().getHeader(KioskHeaders.PHOTO_CONTENT_TYPE)).isEqualTo("image/jpeg");
    }

    @Test
    void shouldAcceptPngUploads() {
        Exchange exchange = request("acme", "{\"concept\":\"sketch\",\"contentType\":\"image/png\"}");

        validator.process(exchange);

        assertThat(exchange.getMessage().getHeader(KioskHeaders.PHOTO_CONTENT_TYPE)).isEqualTo("image/png");
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/gif", "image/JPEG", "text/html", ""})
    void shouldRefuseAnyOtherPhotoFormatListingTheAcceptedOnes(String contentType) {
        Exchange exchange = request("acme", "{\"concept\":\"sketch\",\"contentType\":\"" + contentType + "\"}");

        ApiProblem problem = refusal(exchange);

        assertThat(problem.type()).isEqualTo(ProblemType.UNSUPPORTED_PHOTO_FORMAT);
        assertThat(problem.extensions().get("contentTypes")).isEqualTo(List.of("image/jpeg", "image/png"));
    }

    @Test
    void shouldAcceptMaximumShots() {
        Exchange exchange = request("acme", "{\"concept\":\"sketch\",\"shots\":4}");

        validator.process(exchange);

        assertThat(exchange.getMessage().getHeader(KioskHeaders.SHOTS)).isEqualTo(4);
    }

    @Test
    void shouldDefaultShotsToOne() {
        Exchange exchange = request("acme", "{\"concept\":\"sketch\"}");

        validator.process(exchange);

        assertThat(exchange.getMessage().getHeader(KioskHeaders.CONCEPT)).isEqualTo("sketch");
        assertThat(exchange.getMessage().getHeader(KioskHeaders.SHOTS)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, -1})
    void shouldRefuseShotsOutOfRange(int shots) {
        ApiProblem problem = refusal(request("acme", "{\"concept\":\"sketch\",\"shots\":" + shots + "}"));

        assertThat(problem.type()).isEqualTo(ProblemType.INVALID_SHOTS);
        assertThat(problem.extensions()).containsEntry("minShots", 1).containsEntry("maxShots", 4);
        assertThat(problem.getMessage()).contains("was " + shots);
    }

    @Test
    void shouldRefuseUnknownConceptListingVendorsConcepts() {
        ApiProblem problem = refusal(request("acme", "{\"concept\":\"watercolour\",\"shots\":1}"));

        assertThat(problem.type()).isEqualTo(ProblemType.UNKNOWN_CONCEPT);
        assertThat(problem.getMessage()).contains("'watercolour'");
        assertThat(problem.extensions()).containsEntry("concepts", List.of("comic", "sketch"));
    }

    @Test
    void shouldRefuseConceptOfAnotherVendor() {
        ApiProblem problem = refusal(request("acme", "{\"concept\":\"noir\"}"));

        assertThat(problem.type()).isEqualTo(ProblemType.UNKNOWN_CONCEPT);
        assertThat(problem.extensions()).containsEntry("concepts", List.of("comic", "sketch"));
    }

    @Test
    void shouldRefuseConceptOfAnotherVendorForTheOtherVendorToo() {
        ApiProblem problem = refusal(request("globex", "{\"concept\":\"sketch\"}"));

        assertThat(problem.type()).isEqualTo(ProblemType.UNKNOWN_CONCEPT);
        assertThat(problem.extensions()).containsEntry("concepts", List.of("noir"));
    }

    @Test
    void shouldRefuseMissingConcept() {
        ApiProblem problem = refusal(request("acme", "{\"shots\":2}"));

        assertThat(problem.type()).isEqualTo(ProblemType.UNKNOWN_CONCEPT);
        assertThat(problem.getMessage()).contains("required");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"concept\":",
        "not json",
        "[]",
        "[{\"concept\":\"sketch\"}]",
        "{\"concept\":\"sketch\",\"extra\":1}",
        "{\"shots\":\"two\",\"concept\":\"sketch\"}",
        "{\"concept\":{\"name\":\"sketch\"}}",
        "\"sketch\"",
        "null"
    })
    void shouldRefuseMalformedBody(String body) {
        ApiProblem problem = refusal(request("acme", body));

        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_REQUEST);
        assertThat(problem.type().status()).isEqualTo(400);
    }

    @Test
    void shouldRefuseEmptyBody() {
        ApiProblem problem = refusal(request("acme", ""));

        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_REQUEST);
    }

    @Test
    void shouldRefuseMissingBody() {
        ApiProblem problem = refusal(request("acme", null));

        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_REQUEST);
    }
}
