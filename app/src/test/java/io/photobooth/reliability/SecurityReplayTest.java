package io.photobooth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.support.GuardedUpdates;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replayed calls, sent at once or later, as an attacker (or a kiosk's retry) would send them: the
 * main request, the pre-request with its Idempotency-Key, and a presigned upload after its request
 * was converted. Each replay must give the same answer and change nothing: one enqueue, one set of
 * results, one row.
 */
@LocalIntegrationTest
class SecurityReplayTest {

    static final int REPLAYS = 8;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    KioskClient kiosk;
    GuardedUpdates updates;
    JobSends sends;

    @BeforeEach
    void watch() {
        kiosk = new KioskClient(port);
        updates = GuardedUpdates.on(camel);
        sends = JobSends.on(camel);
    }

    @AfterEach
    void stopWatching() {
        updates.close();
        sends.close();
    }

    /** Counts the SQS sends of jobs per request, whichever route sends them. */
    static final class JobSends extends EventNotifierSupport implements AutoCloseable {

        private final CamelContext camel;
        private final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();

        private JobSends(CamelContext camel) {
            this.camel = camel;
        }

        static JobSends on(CamelContext camel) {
            JobSends sends = new JobSends(camel);
            camel.getManagementStrategy().addEventNotifier(sends);
            ServiceHelper.startService(sends);
            return sends;
        }

        int of(String requestId) {
            return sends.getOrDefault(requestId, new AtomicInteger()).get();
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.ExchangeSendingEvent || event instanceof ExchangeSentEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof ExchangeSentEvent sent && sent.getEndpoint().getEndpointUri().startsWith("aws2-sqs:")
                    && sent.getEndpoint().getEndpointUri().contains("sendBatchMessage")) {
                String requestId = sent.getExchange().getMessage().getHeader(KioskHeaders.REQUEST_ID, String.class);
                sends.computeIfAbsent(String.valueOf(requestId), id -> new AtomicInteger()).incrementAndGet();
            }
        }

        @Override
        public void close() {
            camel.getManagementStrategy().removeEventNotifier(this);
            ServiceHelper.stopService(this);
        }
    }

    String uploaded(int shots) {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":" + shots + "}");
        for (JsonNode upload : KioskClient.list(pre.json().get("uploads"))) {
            assertThat(kiosk.upload(upload, TestPhotos.portrait(96, 72, Color.MAGENTA))).isEqualTo(200);
        }
        return pre.json().get("requestId").asText();
    }

    int events(String requestId, String type) {
        return jdbc.queryForObject("select count(*) from request_event where request_id = cast(? as uuid) and type = ?",
                Integer.class, requestId, type);
    }

    int allEvents(String requestId) {
        return jdbc.queryForObject("select count(*) from request_event where request_id = cast(? as uuid)",
                Integer.class, requestId);
    }

    /** What a kiosk is told of a finished request, without the freshly signed URLs. */
    static String outcome(Answer answer) {
        JsonNode json = answer.json();
        List<String> shots = new ArrayList<>();
        for (JsonNode result : KioskClient.list(json.get("results"))) {
            shots.add(result.get("shot").asInt() + ":" + result.get("status").asText() + ":" + result.has("url"));
        }
        return answer.status() + " " + json.get("status").asText() + " " + json.get("finishedAt").asText() + " "
                + shots;
    }

    static <T> List<T> atOnce(int calls, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMainRequestSentManyTimesAtOnceEnqueuesOnceAndEveryCallGetsTheSameOutcome() throws Exception {
        String requestId = uploaded(2);

        List<Answer> answers = atOnce(REPLAYS, () -> kiosk.conversion(KioskClient.DEMO_KEY, requestId));

        assertThat(answers).extracting(SecurityReplayTest::outcome).containsOnly(outcome(answers.getFirst()));
        assertThat(answers.getFirst().json().get("status").asText()).isEqualTo("DONE");
        assertThat(sends.of(requestId)).as("SQS batch sends of the request's jobs").isEqualTo(1);
        assertThat(events(requestId, "queued")).isEqualTo(1);
        assertThat(events(requestId, "shot-done")).isEqualTo(2);
        assertThat(events(requestId, "done")).isEqualTo(1);
        assertThat(updates.recordShot(requestId, 1).changed()).isEqualTo(1);
        assertThat(updates.recordShot(requestId, 2).changed()).isEqualTo(1);
        assertThat(updates.finishRequest(requestId).changed()).isEqualTo(1);
    }

    @Test
    void aMainRequestReplayedLaterGetsTheSameOutcomeAndChangesNothing() throws Exception {
        String requestId = uploaded(1);
        Answer first = kiosk.conversion(KioskClient.DEMO_KEY, requestId);
        int eventsAfterFirst = allEvents(requestId);

        List<Answer> replays = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(300);
            replays.add(kiosk.conversion(KioskClient.DEMO_KEY, requestId));
        }

        assertThat(first.json().get("status").asText()).isEqualTo("DONE");
        assertThat(replays).extracting(SecurityReplayTest::outcome).containsOnly(outcome(first));
        assertThat(sends.of(requestId)).isEqualTo(1);
        assertThat(allEvents(requestId)).isEqualTo(eventsAfterFirst);
    }

    @Test
    void aPreRequestSentManyTimesAtOnceWithItsIdempotencyKeyRecordsOneRequest() throws Exception {
        String key = "payment-" + UUID.randomUUID();
        String body = "{\"concept\":\"toon\",\"shots\":2}";

        List<Answer> answers = atOnce(REPLAYS, () -> kiosk.preRequest(KioskClient.DEMO_KEY, key, body));

        assertThat(answers).extracting(Answer::status).containsOnly(200, 201).filteredOn(status -> status == 201)
                .hasSize(1);
        assertThat(answers).extracting(answer -> answer.json().get("requestId").asText()).containsOnly(
                answers.getFirst().json().get("requestId").asText());
        String requestId = answers.getFirst().json().get("requestId").asText();
        assertThat(jdbc.queryForObject("select count(*) from conversion_request where idempotency_key = ?",
                Integer.class, key)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from shot where request_id = cast(? as uuid)", Integer.class,
                requestId)).isEqualTo(2);
    }

    @Test
    void aPresignedUploadReplayedAfterTheConversionChangesNoResult() {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        String requestId = pre.json().get("requestId").asText();
        JsonNode upload = pre.json().get("uploads").get(0);
        assertThat(kiosk.upload(upload, TestPhotos.portrait(80, 60, Color.GREEN))).isEqualTo(200);
        Answer done = kiosk.conversion(KioskClient.DEMO_KEY, requestId);
        byte[] result = kiosk.download(done.json().get("results").get(0).get("url").asText()).body();

        int replayed = kiosk.upload(upload, TestPhotos.portrait(60, 80, Color.RED));
        Answer after = kiosk.status(KioskClient.DEMO_KEY, requestId);

        assertThat(replayed).as("S3 cannot take back a presigned URL before it expires").isEqualTo(200);
        assertThat(outcome(after)).isEqualTo(outcome(done));
        assertThat(kiosk.download(after.json().get("results").get(0).get("url").asText()).body()).isEqualTo(result);
        assertThat(sends.of(requestId)).isEqualTo(1);
        assertThat(kiosk.uploadUrls(KioskClient.DEMO_KEY, requestId).status()).as("no fresh upload URL").isEqualTo(409);
    }
}
