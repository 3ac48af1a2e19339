package io.photobooth.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.contract.Channels;
import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.Json;
import io.photobooth.contract.ObjectKeys;
import io.photobooth.contract.PhotoFormat;
import io.photobooth.contract.QueueNames;
import io.photobooth.proxy.completion.CompletionSubscriberRoutes;
import io.photobooth.support.JobQueue;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * OWASP API10, unsafe consumption: what the proxy and the generator read from Redis and SQS is
 * input too. Malformed and forged completion events and malformed jobs must be refused or found to
 * change nothing, be logged, and leave the consumers serving: no request, shot or event changed,
 * no queue left looping on a poison job. Jobs are received again after 2 s here, so that a job that
 * keeps failing reaches its dead-letter queue within seconds.
 */
@LocalIntegrationTest
@TestPropertySource(properties = "photobooth.generator.visibility-timeout-seconds=2")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class SecurityUnsafeConsumptionTest {

    static final String UNKNOWN_ID = "3f2b8c1e-0d4a-4b7e-9a61-2c5d8e9f0a1b";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    S3Client s3;

    @Autowired
    SqsClient sqs;

    @Autowired
    RedisConnectionFactory redis;

    @Autowired
    CamelContext camel;

    @Autowired
    PhotoboothProperties properties;

    KioskClient kiosk;

    @BeforeEach
    void kiosk() {
        kiosk = new KioskClient(port);
    }

    /** Counts the exchanges of one route that ended, and of those, the failed ones. */
    static final class RouteOutcomes extends EventNotifierSupport implements AutoCloseable {

        private final CamelContext camel;
        private final String routeId;
        final AtomicInteger ended = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        private RouteOutcomes(CamelContext camel, String routeId) {
            this.camel = camel;
            this.routeId = routeId;
        }

        static RouteOutcomes of(CamelContext camel, String routeId) {
            RouteOutcomes outcomes = new RouteOutcomes(camel, routeId);
            camel.getManagementStrategy().addEventNotifier(outcomes);
            ServiceHelper.startService(outcomes);
            return outcomes;
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof ExchangeCompletedEvent || event instanceof ExchangeFailedEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            var exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
            if (!routeId.equals(exchange.getFromRouteId())) {
                return;
            }
            if (event instanceof ExchangeFailedEvent || exchange.getException() != null) {
                failed.incrementAndGet();
            }
            ended.incrementAndGet();
        }

        @Override
        public void close() {
            camel.getManagementStrategy().removeEventNotifier(this);
            ServiceHelper.stopService(this);
        }
    }

    /** A request's stored state: its status and finish, and each shot's status, error and generator. */
    List<Map<String, Object>> state(String requestId) {
        return jdbc.queryForList("""
                select r.status, r.finished_at, s.shot, s.status as shot_status, s.error, s.generator,
                       (select count(*) from request_event e where e.request_id = r.request_id) as events
                from conversion_request r join shot s on s.request_id = r.request_id
                where r.request_id = cast(? as uuid) order by s.shot""", requestId);
    }

    String converted(String apiKey) {
        Answer pre = kiosk.preRequest(apiKey, "{\"concept\":\"sketch\"}");
        String requestId = pre.json().get("requestId").asText();
        assertThat(kiosk.upload(pre.json().get("uploads").get(0), TestPhotos.portrait(64, 48, Color.BLUE)))
                .isEqualTo(200);
        assertThat(kiosk.conversion(apiKey, requestId).json().get("status").asText()).isEqualTo("DONE");
        return requestId;
    }

    static String event(String requestId, int shot, String status, String error) {
        return "{\"version\":1,\"requestId\":" + quote(requestId) + ",\"shot\":" + shot + ",\"shots\":1,"
                + "\"status\":\"" + status + "\",\"outputKey\":\"results/local/acme/x/1.jpg\","
                + (error == null ? "" : "\"error\":" + quote(error) + ",")
                + "\"generator\":\"forged\",\"startedAt\":\"2026-01-01T00:00:00Z\","
                + "\"finishedAt\":\"2026-01-01T00:00:01Z\"}";
    }

    static String quote(String text) {
        return Json.mapper().valueToTree(text).toString();
    }

    /** A message published on the completion channel of a request id, and what the subscriber must do with it. */
    record Forged(String what, String channelId, String message, boolean refused) {
    }

    @Test
    void malformedAndForgedCompletionEventsChangeNoRequestAndTheSubscriberServesOn(CapturedOutput log) {
        String done = converted(KioskClient.DEMO_KEY);
        String acmes = converted(KioskClient.ACME_KEY);
        String waiting = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}").json().get("requestId")
                .asText();
        List<Forged> forged = List.of(
                new Forged("not JSON", done, "not json", true),
                new Forged("JSON that is no completion", done, "{\"hello\":1}", true),
                new Forged("an unknown status", done, event(done, 1, "HACKED", null), true),
                new Forged("an id that is no UUID", "x", event("x", 1, "DONE", null), true),
                new Forged("SQL in the id", "x", event("'; drop table shot; --", 1, "DONE", null), true),
                new Forged("DONE for a request not yet queued", waiting, event(waiting, 1, "DONE", null), false),
                new Forged("FAILED for a converted shot", done, event(done, 1, "FAILED", "forged failure"), false),
                new Forged("a shot the request does not have", done, event(done, 99, "DONE", null), false),
                new Forged("another vendor's request on this channel", done, event(acmes, 1, "FAILED", "x"), false),
                new Forged("a 1 MB error", done, event(done, 1, "FAILED", "e".repeat(1 << 20)), false),
                new Forged("PROCESSING for a finished shot", done, event(done, 1, "PROCESSING", null), false));
        var before = List.of(state(done), state(acmes), state(waiting));
        int requests = jdbc.queryForObject("select count(*) from conversion_request", Integer.class);

        try (RouteOutcomes outcomes = RouteOutcomes.of(camel, CompletionSubscriberRoutes.ROUTE_ID);
                RedisConnection connection = redis.getConnection()) {
            for (Forged message : forged) {
                int ended = outcomes.ended.get();
                int failed = outcomes.failed.get();
                connection.publish(Channels.completion(properties.env(), message.channelId())
                        .getBytes(StandardCharsets.UTF_8), message.message().getBytes(StandardCharsets.UTF_8));
                await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.ended.get() > ended);
                assertThat(outcomes.failed.get() - failed).as(message.what()).isEqualTo(message.refused() ? 1 : 0);
            }
        }

        assertThat(List.of(state(done), state(acmes), state(waiting))).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from conversion_request", Integer.class)).isEqualTo(requests);
        assertThat(jdbc.queryForObject("select count(*) from shot where status = 'DONE' and generator = 'forged'",
                Integer.class)).isZero();
        long refused = forged.stream().filter(Forged::refused).count();
        assertThat(log.getOut().split("Failed delivery for", -1).length - 1L).as("each refusal is logged")
                .isGreaterThanOrEqualTo(refused);
        assertThat(converted(KioskClient.DEMO_KEY)).as("the subscriber still completes requests").isNotBlank();
    }

    ConversionJob job(String requestId, int version) {
        String env = properties.env();
        return new ConversionJob(version, requestId, 1, 1, env, "demo", "sketch",
                ObjectKeys.upload(env, "demo", requestId, 1, PhotoFormat.JPEG),
                ObjectKeys.result(env, "demo", requestId, 1),
                Instant.now(), null);
    }

    @Test
    void malformedJobsEndOnTheirDeadLetterQueueWithoutChangingAnyRequest(CapturedOutput log) throws Exception {
        String done = converted(KioskClient.DEMO_KEY);
        JobQueue queue = JobQueue.of(sqs, properties.env(), "demo", "sketch");
        String deadLetters = sqs.getQueueUrl(get -> get.queueName(
                QueueNames.deadLetter(properties.env(), "demo", "sketch"))).queueUrl();
        var before = state(done);
        int requests = jdbc.queryForObject("select count(*) from conversion_request", Integer.class);
        List<String> objectsBefore = objects();
        List<String> jobs = new ArrayList<>(List.of(
                "not json",
                "{\"version\":1,\"requestId\":" ,
                Json.mapper().writeValueAsString(job(done, 999)),
                Json.mapper().writeValueAsString(job(UNKNOWN_ID, 1))));

        for (String body : jobs) {
            sqs.sendMessage(send -> send.queueUrl(queue.url()).messageBody(body));
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> queue.isEmpty() && deadLettersEmpty(deadLetters));
        assertThat(state(done)).as("the converted request").isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from conversion_request", Integer.class)).isEqualTo(requests);
        List<String> written = new ArrayList<>(objects());
        written.removeAll(objectsBefore);
        assertThat(written).as("what the dead letters left: failure records of the requests the jobs named")
                .allSatisfy(key -> assertThat(key).matches("results/" + properties.env() + "/demo/(" + done + "|"
                        + UNKNOWN_ID + ")/(1\\.failed\\.json)?"));
        assertThat(log.getOut()).contains("Dropped a dead-letter message that is no conversion job");
        assertThat(converted(KioskClient.DEMO_KEY)).as("the generator still converts").isNotBlank();
    }

    boolean deadLettersEmpty(String url) {
        var attributes = sqs.getQueueAttributes(get -> get.queueUrl(url).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return "0".equals(attributes.get("ApproximateNumberOfMessages"))
                && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }

    List<String> objects() {
        return s3.listObjectsV2Paginator(list -> list.bucket(properties.bucket())).contents().stream()
                .map(S3Object::key).sorted().toList();
    }
}
