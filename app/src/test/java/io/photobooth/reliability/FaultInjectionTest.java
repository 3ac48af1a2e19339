package io.photobooth.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.contract.Channels;
import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.Json;
import io.photobooth.conversion.ConversionMetrics;
import io.photobooth.local.EmbeddedPostgreSql;
import io.photobooth.local.EmbeddedRedis;
import io.photobooth.local.EmbeddedS3;
import io.photobooth.local.EmbeddedSqs;
import io.photobooth.local.LocalGeneratorInstances;
import io.photobooth.support.FaultKiosks;
import io.photobooth.support.FaultKiosks.Journey;
import io.photobooth.support.FaultOutcome;
import io.photobooth.support.JobQueue;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.SecondProxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Faults injected while kiosks are served, against the real embedded servers: six kiosks run
 * requests one after another ({@link FaultKiosks}); a fault is injected once some requests are
 * done, lifted, and the kiosks go on for a few seconds; then every request begun must end DONE or
 * FAILED with its reason, every DONE result must be in S3 and shown by its kiosk, and no shot or
 * request may be recorded twice ({@link FaultOutcome}). Each test logs a line {@code FAULT …} with
 * the requests affected, how they ended, and the recovery times.
 *
 * <p>The sweeps run faster than by default so that a test lasts seconds: reconciliation every
 * second for requests queued for 2 s, a 10 s visibility timeout (a job whose generator failed or
 * died comes back after it) and a 10 s conversion timeout. The tests tagged {@code reliability}
 * hold the fault longer than a job's three receives last.
 */
@LocalIntegrationTest
@TestPropertySource(properties = {
    "photobooth.kiosk.conversion-timeout=PT10S",
    "photobooth.kiosk.reconcile-after=PT2S",
    "photobooth.kiosk.reconcile-interval=PT1S",
    "photobooth.generator.visibility-timeout-seconds=10",
})
@DirtiesContext
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FaultInjectionTest {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjectionTest.class);
    private static final int KIOSKS = 6;
    private static final Duration AFTER_LIFT = Duration.ofSeconds(4);
    private static final Duration DRAIN = Duration.ofSeconds(40);
    private static final Duration MARGIN = Duration.ofSeconds(5);
    private static final Duration DEAD_LETTER_VISIBILITY = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    EmbeddedRedis redis;

    @Autowired
    EmbeddedSqs sqsServer;

    @Autowired
    EmbeddedS3 s3Server;

    @Autowired
    EmbeddedPostgreSql postgres;

    @Autowired
    RedisConnectionFactory redisConnections;

    @Autowired
    SqsClient sqs;

    @Autowired
    S3Client s3;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    PhotoboothProperties properties;

    @Autowired
    LocalGeneratorInstances instances;

    final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void serversAreBack() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        redis.start();
        sqsServer.start();
        s3Server.start();
        postgres.start();
    }

    @Test
    void shouldEndEveryRequestWhenRedisIsStoppedAndRestarted() throws Exception {
        FaultOutcome outcome = underFault("Redis stopped 5 s and restarted", List.of(port), () -> {
            redis.stop();
            Thread.sleep(5_000);
            redis.start();
        });

        outcome.assertTrafficMetTheFault().assertNothingLostOrDuplicated().assertAffectedFinalWithin(reconciled());
    }

    @Test
    void shouldEndEveryRequestWhenTheSqsServerRestarts() throws Exception {
        FaultOutcome outcome = underFault("ElasticMQ stopped 5 s and restarted", List.of(port), () -> {
            sqsServer.stop();
            Thread.sleep(5_000);
            sqsServer.start();
        });

        outcome.assertTrafficMetTheFault().assertNothingLostOrDuplicated().assertAffectedFinalWithin(reconciled());
    }

    @Test
    void shouldEndEveryRequestWhenS3IsUnreachableForTenSeconds() throws Exception {
        FaultOutcome outcome = underFault("S3 unreachable 10 s", List.of(port), () -> {
            s3Server.stop();
            Thread.sleep(10_000);
            s3Server.start();
        });

        outcome.assertTrafficMetTheFault().assertNothingLostOrDuplicated().assertAffectedFinalWithin(redelivered());
    }

    @Test
    void shouldEndEveryRequestWhenPostgreSqlRestarts() throws Exception {
        FaultOutcome outcome = underFault("PostgreSQL restarted", List.of(port), () -> {
            postgres.stop();
            Thread.sleep(1_000);
            postgres.start();
        });

        outcome.assertTrafficMetTheFault().assertNothingLostOrDuplicated().assertAffectedFinalWithin(reconciled());
    }

    /**
     * Redis down for longer than a job's receives last (3 receives, 10 s apart): every completion
     * PUBLISH fails, so every job converted meanwhile fails and is dead-lettered, though its result
     * is in S3. Reconciliation records the results and wakes the kiosks from the database.
     */
    @Test
    @Tag("reliability")
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldEndEveryRequestWhenRedisIsDownLongerThanAJobsReceives() throws Exception {
        FaultOutcome outcome = underFault("Redis stopped 40 s and restarted", List.of(port), () -> {
            redis.stop();
            Thread.sleep(40_000);
            redis.start();
        });

        outcome.assertTrafficMetTheFault().assertNothingLostOrDuplicated().assertAffectedFinalWithin(redelivered());
    }

    /**
     * S3 unreachable for 45 s: longer than a job's receives last, so the jobs that failed to read
     * their photo meanwhile are dead-lettered, and their shots fail with the dead-letter reason
     * once the failure record can be stored: the dead-letter route's store failed while S3 was
     * down, so the record is stored at the dead-letter job's next receive, after the dead-letter
     * queue's visibility timeout (ElasticMQ's default 30 s: {@code LocalQueues} sets none on it).
     */
    @Test
    @Tag("reliability")
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldEndEveryRequestWhenS3IsUnreachableLongerThanAJobsReceives() throws Exception {
        FaultOutcome outcome = underFault("S3 unreachable 45 s", List.of(port), () -> {
            s3Server.stop();
            Thread.sleep(45_000);
            s3Server.start();
        });

        outcome.assertTrafficMetTheFault().assertNothingLostOrDuplicated()
                .assertAffectedFinalWithin(DEAD_LETTER_VISIBILITY.plus(reconciled()));
    }

    /**
     * PostgreSQL stopped for 20 s, then started again on the same data. The kiosks' calls wait for
     * a connection meanwhile (the local pool's connection timeout is Hikari's default 30 s), and
     * the pool connects again after the database is back: one run took 5.2 s from then to the
     * first conversion, hence a second margin.
     */
    @Test
    @Tag("reliability")
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldEndEveryRequestWhenPostgreSqlIsDownForTwentySeconds() throws Exception {
        FaultOutcome outcome = underFault("PostgreSQL stopped 20 s", List.of(port), () -> {
            postgres.stop();
            Thread.sleep(20_000);
            postgres.start();
        });

        outcome.assertTrafficMetTheFault().assertNothingLostOrDuplicated()
                .assertAffectedFinalWithin(reconciled().plus(MARGIN));
    }

    /**
     * A second generator takes jobs off the queue beside the running one, announces that it started
     * each (the kiosks get its {@code processing} events), and dies without a trace: no result, no
     * completion, no delete. After the visibility timeout the running generator converts each job.
     */
    @Test
    void shouldConvertOnceTheJobsOfAGeneratorKilledMidJob() throws Exception {
        JobQueue queue = JobQueue.of(sqs, properties.env(), "demo", "sketch");
        List<ConversionJob> killed = new ArrayList<>();
        FaultOutcome outcome = underFault("a generator killed mid-job", List.of(port), () -> {
            Instant until = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(until)) {
                for (Message message : sqs.receiveMessage(receive -> receive.queueUrl(queue.url())
                        .maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                    ConversionJob job = Json.mapper().readValue(message.body(), ConversionJob.class);
                    announceProcessing(job, "killed-generator");
                    killed.add(job);
                }
            }
        });

        outcome.assertTrafficMetTheFault().assertNothingLostOrDuplicated().assertAffectedFinalWithin(redelivered());
        assertThat(killed).as("jobs the killed generator held").isNotEmpty();
        for (ConversionJob job : killed) {
            assertThat(jdbc.queryForObject("select status from shot where request_id = cast(? as uuid) and shot = ?",
                    String.class, job.requestId(), job.shot())).isEqualTo("DONE");
            assertThat(jdbc.queryForObject("select count(*) from request_event where request_id = cast(? as uuid)"
                    + " and shot = ? and type = 'processing'", Integer.class, job.requestId(), job.shot()))
                    .as("the killed generator's start was recorded, the redelivery's not again").isEqualTo(1);
        }
        LOG.info("FAULT a generator killed mid-job: it held {} jobs", killed.size());
    }

    /**
     * The generator instance is stopped from outside while it converts (as EC2 stops an instance
     * that is shut down or retired): its worker routes finish the jobs they hold and stop, and no
     * heartbeat comes any more. Nothing in the test starts it again: the fleet's watch finds the
     * group silent with recent activity and starts the instance again once it is stopped, at the
     * latest {@code start-retry-after} (20 s) after the group's last start request (here the
     * instance's first start, seconds before). The kiosks wait meanwhile; the fault is lifted when
     * the instance runs again.
     */
    @Test
    void shouldConvertEveryJobWhenTheGeneratorInstanceStopsMidJobAndTheFleetStartsItAgain() throws Exception {
        List<Instant> moments = new ArrayList<>();
        FaultOutcome outcome = underFault("the generator instance stopped from outside mid-job", 192, 256,
                List.of(port), () -> {
                    moments.add(Instant.now());
                    instances.stop(List.of("local-sketch"));
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                            .until(() -> instances.state("local-sketch") == InstanceStateName.STOPPED);
                    moments.add(Instant.now());
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                            .until(() -> instances.state("local-sketch") == InstanceStateName.RUNNING);
                    moments.add(Instant.now());
                });

        outcome.assertTrafficMetTheFault().assertNothingLostOrDuplicated()
                .assertAffectedFinalWithin(redelivered());
        LOG.info("FAULT the generator instance stopped from outside mid-job: stopping took {} ms, the fleet had it"
                + " running again {} ms after it stopped", Duration.between(moments.get(0), moments.get(1)).toMillis(),
                Duration.between(moments.get(1), moments.get(2)).toMillis());
    }

    /**
     * Kiosks served by a second proxy wait on their main requests (photos of 192x256 keep the
     * generator busy) when that proxy is killed: its web server stops at once, so their
     * connections break off unanswered, and the rest of it stops within a second, its requests in
     * flight abandoned. The kiosks go on through the status and the event stream of the first proxy.
     */
    @Test
    void shouldGiveTheKiosksOfAKilledProxyTheirResultsThroughAnother() throws Exception {
        ServletWebServerApplicationContext proxyB = (ServletWebServerApplicationContext) SecondProxy.beside(
                environment, "--photobooth.kiosk.conversion-timeout=PT10S", "--server.shutdown=immediate",
                "--camel.main.shutdown-timeout=1");
        toClose.add(proxyB);
        FaultOutcome outcome = underFault("the proxy the kiosks wait on killed", 192, 256,
                List.of(SecondProxy.port(proxyB), port), () -> {
                    proxyB.getWebServer().stop();
                    proxyB.close();
                });

        outcome.assertTrafficMetTheFault().assertNothingLostOrDuplicated().assertAffectedFinalWithin(reconciled());
        assertThat(outcome.affected()).as("kiosks whose calls broke off with the proxy")
                .anySatisfy(journey -> assertThat(journey.incidents()).as("a call that lost its connection")
                        .anyMatch(incident -> !Character.isDigit(incident.outcome().charAt(0))));
    }

    /**
     * The bound on a request whose completion event was lost or whose kiosk's call failed:
     * reconciliation finds its result within {@code reconcile-after} + {@code reconcile-interval}
     * (3 s here), plus a margin for the kiosk's retries and a loaded machine.
     */
    private Duration reconciled() {
        return properties.kiosk().reconcileAfter().plus(properties.kiosk().reconcileInterval()).plus(MARGIN);
    }

    /**
     * The bound on a request whose job failed or was lost with its generator: the job comes back
     * after the visibility timeout.
     */
    private Duration redelivered() {
        return Duration.ofSeconds(properties.visibilityTimeoutSeconds("sketch")).plus(MARGIN);
    }

    private interface Fault {
        void inject() throws Exception;
    }

    private FaultOutcome underFault(String name, List<Integer> proxies, Fault fault) throws Exception {
        return underFault(name, 96, 128, proxies, fault);
    }

    /**
     * Serves customers until three requests are done, injects the fault (which returns once
     * lifted), serves for {@link #AFTER_LIFT} more, lets every request begun finish and reads the
     * outcome.
     */
    private FaultOutcome underFault(String name, int width, int height, List<Integer> proxies, Fault fault)
            throws Exception {
        double conversionsBefore = conversions();
        List<Journey> journeys;
        Instant injected;
        Instant lifted;
        try (FaultKiosks kiosks = FaultKiosks.start(KIOSKS, 1, width, height, proxies)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> kiosks.done() >= 3);
            injected = Instant.now();
            fault.inject();
            lifted = Instant.now();
            Thread.sleep(AFTER_LIFT);
            journeys = kiosks.drain(DRAIN);
        }
        // jobs that failed during the fault come back after their visibility timeout and run again
        JobQueue queue = JobQueue.of(sqs, properties.env(), "demo", "sketch");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(queue::isEmpty);
        // the generator counts a conversion just after it publishes it
        Thread.sleep(500);
        FaultOutcome outcome = FaultOutcome.of(name, journeys, injected, lifted, jdbc, s3, properties.bucket(),
                properties.env(), conversions() - conversionsBefore);
        LOG.info(outcome.report());
        return outcome;
    }

    private double conversions() {
        return meters.find(ConversionMetrics.INFERENCE).timers().stream().mapToLong(Timer::count).sum();
    }

    private void announceProcessing(ConversionJob job, String generator) throws Exception {
        try (RedisConnection connection = redisConnections.getConnection()) {
            connection.publish(Channels.completion(properties.env(), job.requestId()).getBytes(),
                    Json.mapper().writeValueAsBytes(CompletionEvent.processing(job, generator, Instant.now())));
        }
    }
}
