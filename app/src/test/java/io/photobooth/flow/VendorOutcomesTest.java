package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.contract.ObjectKeys;
import io.photobooth.conversion.ConversionMetrics;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.RequestSql;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.KioskEventStream;
import io.photobooth.support.KioskEventStream.Event;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * What a vendor's payment system acts on, against the real embedded servers: each request's
 * deadline (the vendor's, per concept, or the kiosk's shorter one); a job received after its
 * deadline ends EXPIRED without reaching the model; refund-eligible outcomes with their reasons on
 * the status answer and in the events (and, at the statement, the reason a request finishes with);
 * and the audit trail naming the proxy and the generator of each change. Generators boot in 3 s here, so that a job waits for its generator past a 1 s
 * deadline; the application is this class's own.
 */
@LocalIntegrationTest
@TestPropertySource(properties = "photobooth.local.boot-delay=PT3S")
@DirtiesContext
class VendorOutcomesTest {

    @LocalServerPort
    int port;

    @Autowired
    PhotoboothProperties properties;

    @Autowired
    MeterRegistry meters;

    @Autowired
    S3Client s3;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    KioskClient kiosk;

    @BeforeEach
    void kiosk() {
        kiosk = new KioskClient(port);
    }

    @Test
    void aJobReceivedAfterItsDeadlineNeverReachesTheModelAndEndsExpiredRefundEligible() throws Exception {
        assertThat(kiosk.generatorState(KioskClient.DEMO_KEY, "watercolor")).as("booted by this pre-request only")
                .isEqualTo("STOPPED");
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"watercolor\",\"deadlineSeconds\":1}");
        String requestId = pre.json().get("requestId").asText();
        assertThat(kiosk.upload(pre.json().get("uploads").get(0), TestPhotos.portrait(96, 64, Color.PINK))).isEqualTo(200);

        Answer main = kiosk.conversion(KioskClient.DEMO_KEY, requestId);

        assertThat(main.status()).isEqualTo(200);
        assertThat(main.json().get("status").asText()).isEqualTo("EXPIRED");
        assertThat(main.json().get("refundEligible").asBoolean()).isTrue();
        assertThat(main.json().get("refundReason").asText()).isEqualTo("DEADLINE_MISSED");
        assertThat(main.json().get("deadlineSeconds").asInt()).isEqualTo(1);
        JsonNode shot = main.json().get("results").get(0);
        assertThat(shot.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(shot.get("reason").asText()).isEqualTo("DEADLINE_MISSED");
        assertThat(shot.get("url")).isNull();
        assertThat(meters.find(ConversionMetrics.RECEIVED).tag(ConversionMetrics.CONCEPT, "watercolor").counter().count())
                .as("the generator received the job").isEqualTo(1.0);
        assertThat(meters.find(ConversionMetrics.COMPLETED).tags(ConversionMetrics.CONCEPT, "watercolor",
                ConversionMetrics.OUTCOME, ConversionMetrics.EXPIRED).counter().count()).isEqualTo(1.0);
        assertThat(meters.find(ConversionMetrics.INFERENCE).tag(ConversionMetrics.CONCEPT, "watercolor").timer())
                .as("the model was never called").isNull();
        assertThat(resultStored(requestId)).as("no result").isFalse();
        assertThat(lastEvent(requestId).event()).isEqualTo("expired");
        assertThat(lastEvent(requestId).data().get("refundReason").asText()).isEqualTo("DEADLINE_MISSED");
        String generator = "generator:" + properties.generator().instanceId();
        assertThat(changes(requestId)).containsSubsequence(
                List.of("-", "QUEUED", "-", proxy()),
                List.of("1", "EXPIRED", "DEADLINE_MISSED", generator),
                List.of("-", "EXPIRED", "DEADLINE_MISSED", proxy()));
    }

    @Test
    void aConvertedRequestIsNotRefundEligibleAndItsAuditTrailNamesEachComponent() throws Exception {
        Answer pre = kiosk.preRequest(KioskClient.ACME_KEY, "{\"concept\":\"sketch\"}");
        String requestId = pre.json().get("requestId").asText();
        kiosk.upload(pre.json().get("uploads").get(0), TestPhotos.portrait(96, 64, Color.ORANGE));
        await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.generatorState(KioskClient.ACME_KEY, "sketch")
                .equals("READY"));
        Instant before = Instant.now();

        Answer main = kiosk.conversion(KioskClient.ACME_KEY, requestId);

        assertThat(main.json().get("status").asText()).isEqualTo("DONE");
        assertThat(main.json().get("refundEligible").asBoolean()).isFalse();
        assertThat(main.json().has("refundReason")).isFalse();
        assertThat(main.json().get("deadlineSeconds").asInt()).as("acme's deadline").isEqualTo(120);
        assertThat(Instant.parse(main.json().get("deadlineAt").asText()))
                .as("counted from the main request").isBetween(before.plusSeconds(119), Instant.now().plusSeconds(121));
        assertThat(lastEvent(requestId, KioskClient.ACME_KEY).data().get("refundEligible").asBoolean()).isFalse();
        String generator = "generator:" + properties.generator().instanceId();
        List<List<String>> changes = changes(requestId);
        assertThat(changes).first().isEqualTo(List.of("-", "PRE_REQUESTED", "-", proxy()));
        assertThat(changes).containsSubsequence(
                List.of("-", "QUEUED", "-", proxy()),
                List.of("1", "DONE", "-", generator),
                List.of("-", "DONE", "-", proxy()));
        assertThat(changes).filteredOn(change -> change.get(1).equals("PROCESSING"))
                .allMatch(change -> change.equals(List.of("1", "PROCESSING", "-", generator)));
        Answer audit = kiosk.call("GET", "/api/v1/requests/" + requestId + "/audit", KioskClient.ACME_KEY, null, null);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().get("changes")).hasSize(changes.size());
        assertThat(audit.json().get("changes").get(0).has("at")).isTrue();
        assertThat(kiosk.call("GET", "/api/v1/requests/" + requestId + "/audit", KioskClient.DEMO_KEY, null, null)
                .status()).as("another vendor's request").isEqualTo(404);
    }

    @Test
    void aKioskMayAskForAShorterDeadlineThanTheVendorsForTheConceptButNotALongerOne() {
        Answer refused = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"watercolor\",\"deadlineSeconds\":181}");
        Answer vendors = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"watercolor\"}");
        Answer shorter = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"deadlineSeconds\":30}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:photobooth:problem:invalid-deadline");
        assertThat(refused.json().get("maxDeadlineSeconds").asInt()).as("demo's watercolor deadline").isEqualTo(180);
        assertThat(deadlineSeconds(KioskClient.DEMO_KEY, vendors)).isEqualTo(180);
        assertThat(deadlineSeconds(KioskClient.DEMO_KEY, shorter)).isEqualTo(30);
    }

    @Test
    void aPhotoTheGeneratorRejectsIsRefundEligibleAsInputRejected() {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        String requestId = pre.json().get("requestId").asText();
        byte[] jpeg = TestPhotos.portrait(320, 240, Color.GREEN);
        kiosk.upload(pre.json().get("uploads").get(0), Arrays.copyOf(jpeg, jpeg.length / 2));

        Answer main = kiosk.conversion(KioskClient.DEMO_KEY, requestId);

        assertThat(main.json().get("status").asText()).isEqualTo("FAILED");
        assertThat(main.json().get("refundEligible").asBoolean()).isTrue();
        assertThat(main.json().get("refundReason").asText()).isEqualTo("INPUT_REJECTED");
        assertThat(main.json().get("results").get(0).get("reason").asText()).isEqualTo("INPUT_REJECTED");
        assertThat(main.json().get("results").get(0).get("error").asText()).startsWith("the photo is truncated");
    }

    @Test
    void aRequestFinishesWithTheReasonOfItsFirstFailedShotElseItsFirstExpiredOneElseItsLateness() {
        String late = finished(120, "now() - interval '1 second'", "DONE:", "DONE:");
        String failed = finished(120, "now() + interval '1 minute'", "EXPIRED:DEADLINE_MISSED", "FAILED:INPUT_REJECTED");
        String expired = finished(120, "now() + interval '1 minute'", "DONE:", "EXPIRED:DEADLINE_MISSED");
        String crashed = finished(120, "now() + interval '1 minute'", "FAILED:", "DONE:");
        String inTime = finished(120, "now() + interval '1 minute'", "DONE:", "DONE:");

        assertThat(outcome(late)).isEqualTo(List.of("DONE", "DEADLINE_MISSED", "done", "DEADLINE_MISSED"));
        assertThat(outcome(failed)).isEqualTo(List.of("FAILED", "INPUT_REJECTED", "failed", "INPUT_REJECTED"));
        assertThat(outcome(expired)).isEqualTo(List.of("EXPIRED", "DEADLINE_MISSED", "expired", "DEADLINE_MISSED"));
        assertThat(outcome(crashed)).as("a shot failed without a reason: the generator's")
                .isEqualTo(List.of("FAILED", "GENERATOR_FAILED", "failed", "GENERATOR_FAILED"));
        assertThat(outcome(inTime)).isEqualTo(List.of("DONE", "-", "done", "-"));
        assertThat(changes(late)).containsExactly(List.of("-", "DONE", "DEADLINE_MISSED", "proxy:test-sweeper"));
    }

    /**
     * A QUEUED request whose shots have the given outcomes ("STATUS:REASON"), finished by the
     * statement the completion subscriber runs; returns its id.
     */
    String finished(int deadlineSeconds, String deadlineAt, String... shots) {
        String requestId = UUID.randomUUID().toString();
        jdbc.update("insert into conversion_request (request_id, vendor, concept, shots, status, deadline_seconds,"
                + " deadline_at, queued_at) values (cast(? as uuid), 'demo', 'sketch', ?, 'QUEUED', ?, " + deadlineAt
                + ", now())", requestId, shots.length, deadlineSeconds);
        for (int shot = 1; shot <= shots.length; shot++) {
            String[] outcome = shots[shot - 1].split(":", -1);
            jdbc.update("insert into shot (request_id, shot, status, reason) values (cast(? as uuid), ?, ?, ?)",
                    requestId, shot, outcome[0], outcome[1].isEmpty() ? null : outcome[1]);
        }
        camel.createProducerTemplate().sendBodyAndHeaders(RequestSql.JDBC, RequestSql.FINISH_REQUEST,
                Map.of(KioskHeaders.REQUEST_ID, requestId, RequestSql.ACTOR, "proxy:test-sweeper"));
        return requestId;
    }

    /** The request's status and refund reason, and its final event's type and reason ("-" for none). */
    List<String> outcome(String requestId) {
        Map<String, Object> row = jdbc.queryForMap("select r.status, r.refund_reason, e.type, e.reason"
                + " from conversion_request r join request_event e on e.request_id = r.request_id"
                + " where r.request_id = cast(? as uuid)", requestId);
        return Stream.of("status", "refund_reason", "type", "reason")
                .map(column -> row.get(column) == null ? "-" : row.get(column).toString()).toList();
    }

    int deadlineSeconds(String apiKey, Answer pre) {
        return kiosk.status(apiKey, pre.json().get("requestId").asText()).json().get("deadlineSeconds").asInt();
    }

    boolean resultStored(String requestId) {
        try {
            s3.headObject(head -> head.bucket(properties.bucket())
                    .key(ObjectKeys.result(properties.env(), "demo", requestId, 1)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    Event lastEvent(String requestId) throws Exception {
        return lastEvent(requestId, KioskClient.DEMO_KEY);
    }

    Event lastEvent(String requestId, String apiKey) throws Exception {
        List<Event> events = new KioskEventStream(port).open(apiKey, requestId, null).events().get().events();
        return events.getLast();
    }

    String proxy() {
        return "proxy:" + properties.proxyId();
    }

    /** The request's audit rows in order, each as [shot or "-", status, reason or "-", actor]. */
    List<List<String>> changes(String requestId) {
        return jdbc.queryForList("select shot, status, reason, actor from request_audit"
                + " where request_id = cast(? as uuid) order by audit_id", requestId).stream()
                .map(VendorOutcomesTest::change).toList();
    }

    static List<String> change(Map<String, Object> row) {
        return List.of(row.get("shot") == null ? "-" : row.get("shot").toString(), (String) row.get("status"),
                row.get("reason") == null ? "-" : (String) row.get("reason"), (String) row.get("actor"));
    }
}
