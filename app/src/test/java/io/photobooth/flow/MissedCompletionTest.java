package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.completion.ReconciledShot;
import io.photobooth.contract.ObjectKeys;
import io.photobooth.local.EmbeddedRedis;
import io.photobooth.support.GuardedUpdates;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.types.RedisClientInfo;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * A completion event that no proxy receives: the embedded Redis is stopped after the upload and
 * before the main request, so the generator converts the photo and stores the result, but its
 * PUBLISH fails (the job stays in SQS until its visibility timeout). Reconciliation finds the result
 * in S3 and the waiting kiosk still gets DONE, within {@code reconcile-after} +
 * {@code reconcile-interval} of the result being stored. Once Redis is back, the proxy's pattern
 * subscription comes back by itself and the next conversion completes through pub/sub again. A
 * shot whose upload is no photo reaches FAILED, with its reason, from the generator's failure record.
 * The application is this class's own and is closed after it.
 */
@LocalIntegrationTest
@TestPropertySource(properties = "photobooth.kiosk.reconcile-after=PT1S")
@DirtiesContext
class MissedCompletionTest {

    private static final Logger LOG = LoggerFactory.getLogger(MissedCompletionTest.class);
    private static final Duration MARGIN = Duration.ofSeconds(1);

    /** An answer and when it arrived. */
    record Timed(Answer answer, Instant at) {
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedRedis redis;

    @Autowired
    RedisConnectionFactory redisConnections;

    @Autowired
    S3Client s3;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    @Autowired
    PhotoboothProperties properties;

    KioskClient kiosk;
    GuardedUpdates updates;

    @BeforeEach
    void watch() {
        kiosk = new KioskClient(port);
        updates = GuardedUpdates.on(camel);
    }

    @AfterEach
    void redisIsBack() throws IOException {
        updates.close();
        redis.start();
    }

    @Test
    void shouldReachDoneFromS3WhenTheEventIsLostAndCompleteThroughPubSubAgainOnceRedisIsBack() throws Exception {
        String missed = uploaded();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> patternSubscriptions() == 1);
        redis.stop();

        CompletableFuture<Timed> waiting = CompletableFuture.supplyAsync(
                () -> new Timed(kiosk.conversion(KioskClient.DEMO_KEY, missed), Instant.now()));
        Instant stored = whenStored(ObjectKeys.result(properties.env(), "demo", missed, 1));
        Timed done = waiting.get(30, TimeUnit.SECONDS);

        Duration delay = Duration.between(stored, done.at());
        Duration bound = properties.kiosk().reconcileAfter().plus(properties.kiosk().reconcileInterval());
        LOG.info("The kiosk got its answer {} ms after the result was stored (bound {} + margin {})",
                delay.toMillis(), bound, MARGIN);
        assertThat(done.answer().status()).isEqualTo(200);
        assertThat(done.answer().json().get("status").asText()).isEqualTo("DONE");
        assertThat(delay).isLessThan(bound.plus(MARGIN));
        assertThat(kiosk.status(KioskClient.DEMO_KEY, missed).json().get("status").asText()).isEqualTo("DONE");
        assertThat(generators(missed)).containsOnly(ReconciledShot.GENERATOR);

        Instant restarted = Instant.now();
        redis.start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> patternSubscriptions() > 0);
        LOG.info("The completion subscriber's PSUBSCRIBE was back {} ms after Redis",
                Duration.between(restarted, Instant.now()).toMillis());

        String next = uploaded();
        Instant asked = Instant.now();
        Answer converted = kiosk.conversion(KioskClient.DEMO_KEY, next);

        assertThat(converted.status()).isEqualTo(200);
        assertThat(converted.json().get("status").asText()).isEqualTo("DONE");
        assertThat(Duration.between(asked, Instant.now())).isLessThan(properties.kiosk().reconcileAfter());
        assertThat(generators(next)).as("recorded from the event").containsOnly(properties.generator().instanceId());
        assertThat(updates.recordShot(missed, 1).changed()).as("the reconciled shot changed once").isEqualTo(1);
        assertThat(updates.finishRequest(missed).changed()).isEqualTo(1);
    }

    @Test
    void shouldReachFailedWithTheReasonFromTheGeneratorsFailureRecordWhenTheEventIsLost() throws Exception {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":2}");
        String requestId = pre.json().get("requestId").asText();
        kiosk.upload(pre.json().get("uploads").get(0), TestPhotos.portrait(96, 64, Color.GREEN));
        kiosk.upload(pre.json().get("uploads").get(1), "these bytes are no photo".getBytes());
        redis.stop();

        Answer answer = kiosk.conversion(KioskClient.DEMO_KEY, requestId);

        ConversionFlowTest.assertShotOneConvertedShotTwoRefused(kiosk, answer);
        assertThat(generators(requestId)).as("the result reconciled, the failure replayed from its record")
                .containsExactly(ReconciledShot.GENERATOR, properties.generator().instanceId());
        assertThat(s3.headObject(head -> head.bucket(properties.bucket())
                .key(ObjectKeys.failure(properties.env(), "demo", requestId, 2))).contentType())
                .isEqualTo("application/json");
    }

    String uploaded() {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        assertThat(kiosk.upload(pre.json().get("uploads").get(0), TestPhotos.portrait(96, 64, Color.PINK)))
                .isEqualTo(200);
        return pre.json().get("requestId").asText();
    }

    /** When the object first appeared in S3. */
    Instant whenStored(String key) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> s3.headObject(head -> head.bucket(properties.bucket()).key(key)) != null);
        return Instant.now();
    }

    List<String> generators(String requestId) {
        return jdbc.queryForList("select generator from shot where request_id = cast(? as uuid) order by shot",
                String.class, requestId);
    }

    /** The pattern subscriptions of the clients connected to Redis, as {@code CLIENT LIST} reports them. */
    long patternSubscriptions() {
        try (RedisConnection connection = redisConnections.getConnection()) {
            return connection.serverCommands().getClientList().stream()
                    .mapToLong(RedisClientInfo::getPatternSubscrbtions).sum();
        }
    }
}
