package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.contract.QueueNames;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Bad input gets an RFC 9457 problem with a stable type, never a 500, and leaves nothing behind
 * in PostgreSQL, S3 or SQS.
 */
@LocalIntegrationTest
class BadInputTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    S3Client s3;

    @Autowired
    SqsClient sqs;

    @Autowired
    PhotoboothProperties properties;

    KioskClient kiosk;

    @BeforeEach
    void kiosk() {
        kiosk = new KioskClient(port);
    }

    /** Rows, uploaded objects and queued jobs: what a refused call must not change. */
    record Stored(int requests, int shots, int objects, int queuedJobs) {
    }

    Stored stored() {
        String queueUrl = sqs.getQueueUrl(get -> get.queueName(QueueNames.jobs(properties.env(), "demo", "sketch")))
                .queueUrl();
        var attributes = sqs.getQueueAttributes(get -> get.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return new Stored(
                jdbc.queryForObject("select count(*) from conversion_request", Integer.class),
                jdbc.queryForObject("select count(*) from shot", Integer.class),
                s3.listObjectsV2(list -> list.bucket(properties.bucket())).keyCount(),
                Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
    }

    static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asText()).isEqualTo("urn:photobooth:problem:" + type);
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        assertThat(answer.json().get("title").asText()).isNotBlank();
        assertThat(answer.json().get("detail").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "[{index}] key={0} body={1} -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "NONE           | {\"concept\":\"sketch\",\"shots\":1}  | 401 | unauthorized",
        "wrong-key      | {\"concept\":\"sketch\",\"shots\":1}  | 401 | unauthorized",
        "''             | {\"concept\":\"sketch\",\"shots\":1}  | 401 | unauthorized",
        "demo-local-key | {\"concept\":\"anime\",\"shots\":1}   | 400 | unknown-concept",
        "demo-local-key | {\"shots\":1}                         | 400 | unknown-concept",
        "demo-local-key | {\"concept\":\"sketch\",\"shots\":0}  | 400 | invalid-shots",
        "demo-local-key | {\"concept\":\"sketch\",\"shots\":5}  | 400 | invalid-shots",
        "demo-local-key | {\"concept\":\"sketch\",\"shots\":-1} | 400 | invalid-shots",
        "demo-local-key | {\"concept\":\"sketch\",\"deadlineSeconds\":0}   | 400 | invalid-deadline",
        "demo-local-key | {\"concept\":\"sketch\",\"deadlineSeconds\":121} | 400 | invalid-deadline",
        "demo-local-key | {\"concept\":\"sketch\",\"deadlineSeconds\":\"9\"} | 400 | malformed-request",
        "demo-local-key | {\"concept\":\"sketch\"               | 400 | malformed-request",
        "demo-local-key | [1,2]                                | 400 | malformed-request",
        "demo-local-key | {\"concept\":\"sketch\",\"shots\":\"2\"} | 400 | malformed-request",
        "demo-local-key | {\"concept\":\"sketch\",\"shots\":2.5} | 400 | malformed-request",
        "demo-local-key | {\"concept\":\"sketch\",\"vendor\":\"acme\"} | 400 | malformed-request",
        "demo-local-key | \"'; drop table shot; --\"           | 400 | malformed-request",
        "demo-local-key | {\"concept\":\"sketch'; drop table shot; --\"} | 400 | unknown-concept",
        "demo-local-key | {\"concept\":\"../../sketch\"}       | 400 | unknown-concept",
        "demo-local-key | {\"concept\":\"스케치\"}                | 400 | unknown-concept",
        "demo-local-key | {\"concept\":\"sketch\\u0000\"}       | 400 | unknown-concept",
        "demo-local-key | {\"concept\":\"SKETCH\"}               | 400 | unknown-concept",
        "demo-local-key | {\"concept\":[\"sketch\"]}            | 400 | malformed-request",
        "demo-local-key | {\"concept\":\"sketch\",\"shots\":99999999999} | 400 | malformed-request",
        "demo-local-key | {\"concept\":\"sketch\",\"contentType\":\"image/gif\"} | 400 | unsupported-photo-format",
        "demo-local-key | {\"concept\":\"sketch\"} {\"concept\":\"sketch\"} | 400 | malformed-request",
    })
    void shouldRefuseABadPreRequestAndStoreNothing(String apiKey, String body, int status, String type) {
        Stored before = stored();

        Answer answer = kiosk.preRequest(apiKey, body);

        assertProblem(answer, status, type);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAHugeBodyAndStoreNothing() {
        Stored before = stored();

        Answer answer = kiosk.preRequest(KioskClient.DEMO_KEY,
                "{\"concept\":\"sketch\",\"note\":\"" + "x".repeat(64 * 1024) + "\"}");

        assertProblem(answer, 413, "payload-too-large");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void shouldListTheValidConceptsWhenTheConceptIsUnknown() {
        Answer answer = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"anime\"}");

        assertThat(KioskClient.list(answer.json().get("concepts"))).extracting(JsonNode::asText)
                .containsExactly("sketch", "toon", "watercolor");
    }

    @Test
    void shouldRefuseTheMainRequestBeforeTheUploadsExistNamingTheMissingShots() {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":3}");
        String requestId = pre.json().get("requestId").asText();
        assertThat(kiosk.upload(pre.json().get("uploads").get(1), TestPhotos.portrait(64, 48, Color.GRAY)))
                .isEqualTo(200);
        Stored before = stored();

        Answer answer = kiosk.conversion(KioskClient.DEMO_KEY, requestId);

        assertProblem(answer, 409, "uploads-missing");
        assertThat(answer.json().get("missingShots")).hasSize(2);
        assertThat(answer.json().get("missingShots").get(0).asInt()).isEqualTo(1);
        assertThat(answer.json().get("missingShots").get(1).asInt()).isEqualTo(3);
        assertThat(stored()).isEqualTo(before);
        assertThat(kiosk.status(KioskClient.DEMO_KEY, requestId).json().get("status").asText())
                .isEqualTo("PRE_REQUESTED");
    }

    @ParameterizedTest
    @CsvSource({
        "3f2b8c1e-0d4a-4b7e-9a61-2c5d8e9f0a1b",
        "not-a-uuid",
        "3F2B8C1E-0D4A-4B7E-9A61-2C5D8E9F0A1B",
        "%27%20or%201%3D1%20--",
        "..%2F..%2Fconcepts",
        "3f2b8c1e-0d4a-4b7e-9a61-2c5d8e9f0a1b%00",
        "%E2%80%AE3f2b8c1e-0d4a-4b7e-9a61-2c5d8e9f0a1b",
    })
    void shouldRefuseAnUnknownOrForgedRequestIdAndChangeNothing(String requestId) {
        Stored before = stored();

        for (Answer answer : List.of(kiosk.conversion(KioskClient.DEMO_KEY, requestId),
                kiosk.status(KioskClient.DEMO_KEY, requestId), kiosk.uploadUrls(KioskClient.DEMO_KEY, requestId))) {
            // Tomcat itself refuses an encoded slash or NUL in a path (400); the routes refuse the rest (404)
            if (answer.status() == 400) {
                assertProblem(answer, 400, "malformed-request");
            } else {
                assertProblem(answer, 404, "unknown-request");
            }
        }
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void shouldAnswerAnotherVendorsRequestExactlyAsAnUnknownOne() {
        String requestId = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}").json()
                .get("requestId").asText();

        Answer status = kiosk.status(KioskClient.ACME_KEY, requestId);
        Answer conversion = kiosk.conversion(KioskClient.ACME_KEY, requestId);

        String unknownId = "3f2b8c1e-0d4a-4b7e-9a61-2c5d8e9f0a1b";
        Answer unknown = kiosk.status(KioskClient.ACME_KEY, unknownId);

        assertProblem(status, 404, "unknown-request");
        assertProblem(conversion, 404, "unknown-request");
        assertThat(status.json().get("detail").asText().replace(requestId, "ID"))
                .isEqualTo(unknown.json().get("detail").asText().replace(unknownId, "ID"));
        assertThat(kiosk.status(KioskClient.DEMO_KEY, requestId).status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAnUploadWithAnotherContentTypeOrToAnotherKey() {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        String url = pre.json().get("uploads").get(0).get("url").asText();
        byte[] photo = TestPhotos.portrait(64, 48, Color.ORANGE);
        Stored before = stored();

        assertThat(kiosk.upload(url, "image/png", photo)).isEqualTo(403);
        assertThat(kiosk.upload(url.replace("/1.jpg?", "/2.jpg?"), "image/jpeg", photo)).isEqualTo(403);
        assertThat(kiosk.upload(url.replace("/uploads/local/demo/", "/uploads/local/acme/"), "image/jpeg", photo))
                .isEqualTo(403);
        assertThat(stored()).isEqualTo(before);
    }

    @ParameterizedTest(name = "[{index}] {0} {1} as {2} -> {3} {4}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "POST   | /api/v1/requests   | text/plain                        | 415 | unsupported-media-type",
        "POST   | /api/v1/requests   | application/x-www-form-urlencoded | 415 | unsupported-media-type",
        "GET    | /api/v1/nothing    | NONE                              | 404 | not-found",
        "GET    | /api/v1/requests/3f2b8c1e-0d4a-4b7e-9a61-2c5d8e9f0a1b/conversion | NONE | 405 | method-not-allowed",
        "DELETE | /api/v1/concepts   | NONE                              | 405 | method-not-allowed",
    })
    void shouldAnswerWhatTheWebServerRefusesWithAProblem(String method, String path, String contentType, int status,
            String type) {
        Stored before = stored();

        Answer answer = kiosk.call(method, path, KioskClient.DEMO_KEY, contentType, "{\"concept\":\"sketch\"}");

        assertProblem(answer, status, type);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void shouldNeverAnswerWithAnInternalErrorForAnyRefusedCall() {
        List<Answer> answers = List.of(
                kiosk.preRequest(null, ""),
                kiosk.preRequest(KioskClient.DEMO_KEY, ""),
                kiosk.preRequest(KioskClient.DEMO_KEY, "null"),
                kiosk.preRequest(KioskClient.DEMO_KEY, "{}"),
                kiosk.concepts(null),
                kiosk.status(null, "3f2b8c1e-0d4a-4b7e-9a61-2c5d8e9f0a1b"));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isBetween(400, 499);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        });
    }
}
