package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.time.Duration;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.support.JobQueue;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.PoisonPhotos;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Uploads that would hurt a generator: a decompression bomb and a truncated JPEG. Each fails at
 * once with a reason naming the problem, and its job is deleted: a retry would come only after
 * the visibility timeout (120 s), long after the main request's 20 s.
 */
@LocalIntegrationTest
class PoisonPhotoTest {

    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    @Autowired
    SqsClient sqs;

    @Autowired
    PhotoboothProperties properties;

    KioskClient kiosk;

    @BeforeEach
    void kiosk() {
        kiosk = new KioskClient(port);
    }

    @Test
    void shouldFailADecompressionBombAtOnceWithItsReason() {
        byte[] bomb = PoisonPhotos.pngDeclaring(50_000, 50_000);

        JsonNode shot = convertOneShot("image/png", bomb);

        assertThat(shot.get("error").asText())
                .isEqualTo("the photo is 50000x50000, 2,500,000,000 pixels, more than the 24,000,000 pixels allowed");
    }

    @Test
    void shouldFailATruncatedJpegAtOnceWithItsReason() {
        byte[] jpeg = TestPhotos.portrait(320, 240, Color.ORANGE);

        JsonNode shot = convertOneShot("image/jpeg", Arrays.copyOf(jpeg, jpeg.length / 2));

        assertThat(shot.get("error").asText()).startsWith("the photo is truncated or corrupt");
    }

    /**
     * Pre-requests one shot of the content type, waits for the generator, uploads the photo and
     * sends the main request, which must answer FAILED at once; returns the failed shot.
     */
    private JsonNode convertOneShot(String contentType, byte[] photo) {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY,
                "{\"concept\":\"sketch\",\"contentType\":\"" + contentType + "\"}");
        String requestId = pre.json().get("requestId").asText();
        assertThat(kiosk.upload(pre.json().get("uploads").get(0), photo)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.generatorState(KioskClient.DEMO_KEY, "sketch").equals("READY"));

        long start = System.nanoTime();
        Answer answer = kiosk.conversion(KioskClient.DEMO_KEY, requestId);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asText()).isEqualTo("FAILED");
        assertThat(took).as("answered without a retry").isLessThan(AT_ONCE);
        JsonNode shot = answer.json().get("results").get(0);
        assertThat(shot.get("status").asText()).isEqualTo("FAILED");
        assertThat(shot.get("url")).isNull();
        await().atMost(AT_ONCE).until(JobQueue.of(sqs, properties.env(), "demo", "sketch")::isEmpty);
        return shot;
    }
}
