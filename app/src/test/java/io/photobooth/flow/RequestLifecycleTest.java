package io.photobooth.flow;

import static io.photobooth.flow.BadInputTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.UUID;

import javax.imageio.ImageIO;

import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Idempotent pre-requests, fresh upload URLs and PNG uploads, against the embedded servers. */
@LocalIntegrationTest
class RequestLifecycleTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    KioskClient kiosk;

    @BeforeEach
    void kiosk() {
        kiosk = new KioskClient(port);
    }

    int requestsWithKey(String idempotencyKey) {
        return jdbc.queryForObject("select count(*) from conversion_request where idempotency_key = ?",
                Integer.class, idempotencyKey);
    }

    @Test
    void shouldReturnTheSameRequestForTheSameIdempotencyKeyAndVendor() {
        String key = UUID.randomUUID().toString();
        String body = "{\"concept\":\"sketch\",\"shots\":2}";

        Answer first = kiosk.preRequest(KioskClient.DEMO_KEY, key, body);
        Answer repeated = kiosk.preRequest(KioskClient.DEMO_KEY, key, body);
        Answer otherVendor = kiosk.preRequest(KioskClient.ACME_KEY, key, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json().get("requestId")).isEqualTo(first.json().get("requestId"));
        assertThat(repeated.json().get("uploads")).hasSize(2);
        assertThat(otherVendor.status()).isEqualTo(201);
        assertThat(otherVendor.json().get("requestId")).isNotEqualTo(first.json().get("requestId"));
        assertThat(requestsWithKey(key)).isEqualTo(2);
    }

    @Test
    void shouldGiveNoUploadUrlsWhenReplayingAPreRequestWhoseUploadsAreClosed() {
        String key = UUID.randomUUID().toString();
        String body = "{\"concept\":\"sketch\"}";
        Answer first = kiosk.preRequest(KioskClient.DEMO_KEY, key, body);
        kiosk.upload(first.json().get("uploads").get(0), TestPhotos.portrait(64, 48, Color.RED));
        kiosk.conversion(KioskClient.DEMO_KEY, first.json().get("requestId").asText());

        Answer replayed = kiosk.preRequest(KioskClient.DEMO_KEY, key, body);

        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().get("status").asText()).isEqualTo("DONE");
        assertThat(replayed.json().get("uploads")).isEmpty();
    }

    @Test
    void shouldRefuseAnIdempotencyKeyReusedForAnotherPreRequest() {
        String key = UUID.randomUUID().toString();
        kiosk.preRequest(KioskClient.DEMO_KEY, key, "{\"concept\":\"sketch\",\"shots\":1}");

        Answer reused = kiosk.preRequest(KioskClient.DEMO_KEY, key, "{\"concept\":\"sketch\",\"shots\":3}");

        assertProblem(reused, 422, "idempotency-key-reused");
        assertThat(requestsWithKey(key)).isEqualTo(1);
    }

    @Test
    void shouldRefuseAMalformedIdempotencyKey() {
        Answer answer = kiosk.preRequest(KioskClient.DEMO_KEY, "x".repeat(256), "{\"concept\":\"sketch\"}");

        assertProblem(answer, 400, "invalid-idempotency-key");
    }

    @Test
    void shouldIssueFreshUploadUrlsWhileTheUploadsAreOpenAndRefuseThemAfterwards() {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        String requestId = pre.json().get("requestId").asText();

        Answer fresh = kiosk.uploadUrls(KioskClient.DEMO_KEY, requestId);

        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.json().get("requestId").asText()).isEqualTo(requestId);
        assertThat(kiosk.upload(fresh.json().get("uploads").get(0), TestPhotos.portrait(64, 48, Color.BLUE)))
                .isEqualTo(200);
        assertProblem(kiosk.uploadUrls(KioskClient.ACME_KEY, requestId), 404, "unknown-request");
        assertThat(kiosk.conversion(KioskClient.DEMO_KEY, requestId).json().get("status").asText()).isEqualTo("DONE");

        Answer closed = kiosk.uploadUrls(KioskClient.DEMO_KEY, requestId);

        assertProblem(closed, 409, "uploads-closed");
        assertThat(closed.json().get("requestStatus").asText()).isEqualTo("DONE");
    }

    @Test
    void shouldPinPngUploadsAndConvertThem() throws Exception {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"contentType\":\"image/png\"}");
        assertThat(pre.json().get("contentType").asText()).isEqualTo("image/png");
        var upload = pre.json().get("uploads").get(0);
        assertThat(upload.get("headers").get("Content-Type").asText()).isEqualTo("image/png");
        BufferedImage image = TestPhotos.decode(TestPhotos.portrait(90, 70, Color.GREEN));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);

        assertThat(kiosk.upload(upload.get("url").asText(), "image/jpeg", png.toByteArray())).isEqualTo(403);
        assertThat(kiosk.upload(upload, png.toByteArray())).isEqualTo(200);
        Answer done = kiosk.conversion(KioskClient.DEMO_KEY, pre.json().get("requestId").asText());

        assertThat(done.json().get("status").asText()).isEqualTo("DONE");
        BufferedImage result = TestPhotos.decode(kiosk.download(done.json().get("results").get(0).get("url").asText())
                .body());
        assertThat(result.getWidth()).isEqualTo(90);
        assertThat(result.getHeight()).isEqualTo(70);
    }
}
