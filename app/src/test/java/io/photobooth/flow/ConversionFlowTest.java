package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.support.ConvertedPhotos;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole flow on the embedded servers, driven as a kiosk drives it: pre-request, PUT through
 * the presigned URLs, main request, download of the results through their presigned URLs.
 */
@LocalIntegrationTest
class ConversionFlowTest {

    @LocalServerPort
    int port;

    KioskClient kiosk;

    @BeforeEach
    void kiosk() {
        kiosk = new KioskClient(port);
    }

    @Test
    void shouldConvertEveryShotAndAnswerWithResultUrls() {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":2}");
        assertThat(pre.status()).isEqualTo(201);
        String requestId = pre.json().get("requestId").asText();
        assertThat(pre.json().get("status").asText()).isEqualTo("PRE_REQUESTED");
        assertThat(pre.json().get("generator").asText()).isIn("STARTING", "READY");
        List<JsonNode> uploads = KioskClient.list(pre.json().get("uploads"));
        assertThat(uploads).extracting(upload -> upload.get("shot").asInt()).containsExactly(1, 2);

        byte[][] photos = {TestPhotos.portrait(320, 240, Color.BLUE), TestPhotos.portrait(200, 300, Color.RED)};
        for (int i = 0; i < photos.length; i++) {
            assertThat(uploads.get(i).get("method").asText()).isEqualTo("PUT");
            assertThat(kiosk.upload(uploads.get(i), photos[i])).isEqualTo(200);
        }

        ConvertedPhotos.assertConverted(kiosk, kiosk.conversion(KioskClient.DEMO_KEY, requestId), photos);
    }

    @Test
    void shouldAnswerStatusFromTheDatabaseAndAgainAfterARetriedMainRequest() {
        Answer pre = kiosk.preRequest(KioskClient.ACME_KEY, "{\"concept\":\"sketch\"}");
        String requestId = pre.json().get("requestId").asText();
        assertThat(kiosk.status(KioskClient.ACME_KEY, requestId).json().get("status").asText())
                .isEqualTo("PRE_REQUESTED");
        kiosk.upload(pre.json().get("uploads").get(0), TestPhotos.portrait(64, 48, Color.GREEN));

        Answer first = kiosk.conversion(KioskClient.ACME_KEY, requestId);
        Answer retried = kiosk.conversion(KioskClient.ACME_KEY, requestId);
        Answer status = kiosk.status(KioskClient.ACME_KEY, requestId);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("finishedAt")).isEqualTo(first.json().get("finishedAt"));
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("status").asText()).isEqualTo("DONE");
        assertThat(status.json().get("results").get(0).get("url").asText()).contains("/results/local/acme/" + requestId);
    }

    @Test
    void shouldAnswerAFailedShotWithItsReasonWhenTheUploadIsNotAPhoto() {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":2}");
        String requestId = pre.json().get("requestId").asText();
        kiosk.upload(pre.json().get("uploads").get(0), TestPhotos.portrait(64, 48, Color.YELLOW));
        kiosk.upload(pre.json().get("uploads").get(1), "these bytes are no photo".getBytes());

        Answer answer = kiosk.conversion(KioskClient.DEMO_KEY, requestId);

        assertShotOneConvertedShotTwoRefused(kiosk, answer);
    }

    /** The answer to a 2-shot request whose first upload is a photo and whose second is not. */
    static void assertShotOneConvertedShotTwoRefused(KioskClient kiosk, Answer answer) {
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asText()).isEqualTo("FAILED");
        JsonNode converted = answer.json().get("results").get(0);
        JsonNode refused = answer.json().get("results").get(1);
        assertThat(converted.get("status").asText()).isEqualTo("DONE");
        assertThat(kiosk.download(converted.get("url").asText()).status()).isEqualTo(200);
        assertThat(refused.get("status").asText()).isEqualTo("FAILED");
        assertThat(refused.get("error").asText()).contains("not a decodable JPEG or PNG image");
        assertThat(refused.get("url")).isNull();
    }

    @Test
    void shouldListTheVendorsConceptsWithTheirGeneratorState() {
        Answer concepts = kiosk.concepts(KioskClient.DEMO_KEY);

        assertThat(concepts.status()).isEqualTo(200);
        JsonNode sketch = concepts.json().get("concepts").get(0);
        assertThat(sketch.get("name").asText()).isEqualTo("sketch");
        assertThat(sketch.get("displayName").asText()).isEqualTo("Pencil sketch");
        assertThat(sketch.get("generator").asText()).isIn("STOPPED", "STARTING", "READY");
    }

    @Test
    void shouldReportEmbeddedServersAndCamelInHealth() {
        Answer health = kiosk.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        JsonNode components = health.json().get("components");
        for (String component : List.of("camelHealth", "db", "redis", "s3", "sqs", "generatorFleet")) {
            assertThat(components.get(component).get("status").asText()).as(component).isEqualTo("UP");
        }
        assertThat(components.get("sqs").get("details").get("queues").asInt()).as("queues and DLQs")
                .isEqualTo(2 * 5); // demo sells three concepts, acme two
        assertThat(components.get("generatorFleet").get("details").get("sketch").asText())
                .isIn("STOPPED", "STARTING", "READY", "STOPPING");
    }

    @Test
    void shouldServeTheOpenApiDocumentOfTheKioskApi() {
        Answer openapi = kiosk.get("/api/v1/openapi.json");

        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json().get("paths").fieldNames()).toIterable().contains(
                "/api/v1/requests", "/api/v1/requests/{requestId}/conversion", "/api/v1/requests/{requestId}",
                "/api/v1/concepts");
    }
}
