package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.contract.QueueNames;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Requests never converted expire: with a request expiry of 2 s, swept every 0.5 s, a request that
 * was uploaded but never sent to conversion becomes EXPIRED and its upload is removed from S3; a
 * later main request answers EXPIRED at once and enqueues nothing. A request queued in time is
 * left alone. The application is this class's own and is closed after it.
 */
@LocalIntegrationTest
@TestPropertySource(properties = {
    "photobooth.kiosk.request-expiry=PT2S",
    "photobooth.kiosk.expiry-sweep-interval=PT0.5S",
})
@DirtiesContext
class RequestExpiryTest {

    @LocalServerPort
    int port;

    @Autowired
    S3Client s3;

    @Autowired
    SqsClient sqs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PhotoboothProperties properties;

    KioskClient kiosk;

    @BeforeEach
    void kiosk() {
        kiosk = new KioskClient(port);
    }

    @Test
    void shouldExpireAnUploadedRequestRemoveItsUploadAndNeverEnqueueIt() {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        String requestId = pre.json().get("requestId").asText();
        JsonNode upload = pre.json().get("uploads").get(0);
        assertThat(kiosk.upload(upload, TestPhotos.portrait(64, 48, Color.GRAY))).isEqualTo(200);
        String uploadKey = keyOf(upload);
        assertThat(s3.headObject(head -> head.bucket(properties.bucket()).key(uploadKey)).contentLength()).isPositive();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                "EXPIRED".equals(kiosk.status(KioskClient.DEMO_KEY, requestId).json().get("status").asText()));
        Answer status = kiosk.status(KioskClient.DEMO_KEY, requestId);
        Answer main = kiosk.conversion(KioskClient.DEMO_KEY, requestId);

        assertThat(status.json().get("finishedAt")).isNotNull();
        assertThat(status.json().get("results").get(0).get("status").asText()).isEqualTo("EXPIRED");
        assertThat(status.json().get("refundEligible").asBoolean()).isTrue();
        assertThat(status.json().get("refundReason").asText()).isEqualTo("NOT_SUBMITTED");
        assertThat(status.json().get("results").get(0).get("reason").asText()).isEqualTo("NOT_SUBMITTED");
        assertThat(jdbc.queryForList("select type, status, reason from request_event where request_id = cast(? as uuid)",
                requestId)).as("the expired event, for the kiosk's stream and the vendor's callback")
                .containsExactly(Map.of("type", "expired", "status", "EXPIRED", "reason", "NOT_SUBMITTED"));
        assertThat(jdbc.queryForList("select status, actor from request_audit where request_id = cast(? as uuid)"
                + " order by audit_id", requestId)).containsExactly(
                        Map.of("status", "PRE_REQUESTED", "actor", "proxy:" + properties.proxyId()),
                        Map.of("status", "EXPIRED", "actor", "proxy:" + properties.proxyId()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(catchThrowable(() ->
                s3.headObject(head -> head.bucket(properties.bucket()).key(uploadKey))))
                .as("upload removed").isInstanceOf(NoSuchKeyException.class));
        assertThat(main.status()).isEqualTo(200);
        assertThat(main.json().get("status").asText()).isEqualTo("EXPIRED");
        assertThat(jdbc.queryForObject("select queued_at is null from conversion_request where request_id = cast(? as uuid)",
                Boolean.class, requestId)).as("never claimed").isTrue();
        assertThat(messagesIn(QueueNames.jobs(properties.env(), "demo", "sketch"))).as("nothing enqueued").isZero();
    }

    @Test
    void shouldLeaveARequestThatWasQueuedInTime() {
        Answer pre = kiosk.preRequest(KioskClient.ACME_KEY, "{\"concept\":\"sketch\"}");
        String requestId = pre.json().get("requestId").asText();
        kiosk.upload(pre.json().get("uploads").get(0), TestPhotos.portrait(64, 48, Color.CYAN));

        Answer done = kiosk.conversion(KioskClient.ACME_KEY, requestId);

        assertThat(done.json().get("status").asText()).isEqualTo("DONE");
        await().during(properties.kiosk().requestExpiry().plusSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> "DONE".equals(kiosk.status(KioskClient.ACME_KEY, requestId).json().get("status").asText()));
        assertThat(kiosk.download(done.json().get("results").get(0).get("url").asText()).status())
                .as("the upload sweep leaves results alone").isEqualTo(200);
    }

    /** The S3 key in a presigned URL's path, after the bucket. */
    String keyOf(JsonNode upload) {
        String path = URI.create(upload.get("url").asText()).getPath();
        return path.substring(path.indexOf(properties.bucket() + "/") + properties.bucket().length() + 1);
    }

    int messagesIn(String queue) {
        String url = sqs.getQueueUrl(get -> get.queueName(queue)).queueUrl();
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(get -> get.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    @Test
    void shouldExpireTheShotsNoGeneratorStartedByTheDeadlineAndLeaveAStartedOne() {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":2}");
        String requestId = pre.json().get("requestId").asText();
        // as when no generator came: queued in time, its deadline passed a minute ago; shot 2 was started
        jdbc.update("update conversion_request set status = 'QUEUED', queued_at = now(),"
                + " deadline_at = now() - interval '1 minute' where request_id = cast(? as uuid)", requestId);
        jdbc.update("update shot set status = 'QUEUED', started_at = case when shot = 2 then now() end"
                + " where request_id = cast(? as uuid)", requestId);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                kiosk.status(KioskClient.DEMO_KEY, requestId).json().get("results").get(0).get("status").asText())
                .isEqualTo("EXPIRED"));

        JsonNode status = kiosk.status(KioskClient.DEMO_KEY, requestId).json();
        assertThat(status.get("results").get(0).get("reason").asText()).isEqualTo("DEADLINE_MISSED");
        assertThat(status.get("results").get(1).get("status").asText())
                .as("started: left to finish (or, past the request expiry, failed)").isIn("QUEUED", "FAILED");
    }

    @Test
    void shouldFailARequestStillQueuedPastTheExpiryWithItsReason() {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":2}");
        String requestId = pre.json().get("requestId").asText();
        // as after its jobs went to the dead-letter queue: claimed long ago, never converted
        jdbc.update("update conversion_request set status = 'QUEUED', queued_at = now() - interval '1 hour'"
                + " where request_id = cast(? as uuid)", requestId);
        jdbc.update("update shot set status = 'QUEUED' where request_id = cast(? as uuid)", requestId);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                kiosk.status(KioskClient.DEMO_KEY, requestId).json().get("status").asText()).isEqualTo("FAILED"));

        JsonNode results = kiosk.status(KioskClient.DEMO_KEY, requestId).json().get("results");
        assertThat(results).hasSize(2);
        assertThat(results).allSatisfy(shot -> {
            assertThat(shot.get("status").asText()).isEqualTo("FAILED");
            assertThat(shot.get("error").asText()).isEqualTo("not converted before the request expired");
            assertThat(shot.get("reason").asText()).isEqualTo("GENERATOR_FAILED");
        });
        assertThat(jdbc.queryForList("select type from request_event where request_id = cast(? as uuid)"
                + " order by event_id", String.class, requestId)).containsExactly("shot-done", "shot-done", "failed");
    }
}
