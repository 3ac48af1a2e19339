package io.photobooth.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.contract.QueueNames;
import io.photobooth.conversion.ConversionMetrics;
import io.photobooth.fleet.FleetHeaders;
import io.photobooth.support.ConvertedPhotos;
import io.photobooth.support.JobQueue;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Backpressure: kiosks send more conversions than the generator can take. The sketch generator
 * runs the real trained model on the CPU with one predictor, so it converts one photo at a time,
 * while a kiosk arrives every 250 ms with two photos. The jobs pile up: the application's own
 * reading of the queue depth (the idle stop's {@code queueDepths}: waiting, in flight and delayed)
 * grows while the kiosks arrive. The main request holds each kiosk 3 s, then answers {@code 202}
 * with the status URL; the kiosk polls it until it says {@code DONE} with its converted results.
 * Nothing ends silently: every request finishes DONE, each shot is received once (jobs held longer
 * than the 3 s visibility timeout had it extended, not handed out again), no job ends in an error
 * or a dead-letter queue. The generator's consumers take up to two polls of jobs each (one on the
 * worker threads, one waiting on the consumer's own), so the backlog of this test is almost all in
 * flight rather than waiting on SQS: the printed line shows both.
 */
@LocalIntegrationTest
@TestPropertySource(properties = {
    "photobooth.generator.predictors=1",
    "photobooth.concepts.sketch.generators.visibility-timeout=PT3S",
    "photobooth.kiosk.conversion-timeout=PT3S",
})
@DirtiesContext
class BackpressureTest {

    static final int KIOSKS = 20;
    static final int SHOTS = 2;
    static final Duration ARRIVAL = Duration.ofMillis(250);
    static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(3);

    @LocalServerPort
    int port;

    @Autowired
    PhotoboothProperties properties;

    @Autowired
    SqsClient sqs;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    @Autowired
    @Qualifier("queueDepths")
    Processor queueDepths;

    record Kiosk(String requestId, byte[][] photos, Answer main, long mainMillis) {
    }

    @Test
    void shouldQueueWhatTheGeneratorCannotTakeAndAnswerEveryKioskWithItsStatusThenItsResults() throws Exception {
        KioskClient kiosk = new KioskClient(port);
        JobQueue queue = JobQueue.of(sqs, properties.env(), "demo", "sketch");
        byte[][] photos = {TestPhotos.portrait(512, 512, Color.ORANGE), TestPhotos.portrait(512, 384, Color.BLUE)};
        double receivedBefore = counter(ConversionMetrics.RECEIVED);
        List<long[]> depths = new ArrayList<>();

        List<Future<Kiosk>> kiosks = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < KIOSKS; i++) {
                kiosks.add(threads.submit(() -> convert(kiosk, photos)));
                depths.add(new long[] {pendingJobs(), queue.visible()});
                Thread.sleep(ARRIVAL.toMillis());
            }
            depths.add(new long[] {pendingJobs(), queue.visible()});
        }
        List<Kiosk> served = new ArrayList<>();
        for (Future<Kiosk> future : kiosks) {
            served.add(future.get());
        }

        List<Kiosk> accepted = served.stream().filter(k -> k.main().status() == 202).toList();
        List<Answer> finished = new ArrayList<>();
        for (Kiosk k : accepted) {
            finished.add(await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> kiosk.status(KioskClient.DEMO_KEY, k.requestId()),
                            status -> !"QUEUED".equals(status.json().get("status").asText())));
        }
        Timer jobs = meters.find(ConversionMetrics.DURATION).tag(ConversionMetrics.CONCEPT, "sketch").timer();
        System.out.printf("%nBackpressure: %d kiosks, %d shots each, one every %d ms; pending jobs (app) and waiting"
                        + " jobs (SQS) as each arrived: %s%n  main requests: %s%n  conversions: %d, longest %.1f s,"
                        + " mean %.1f s%n%n",
                KIOSKS, SHOTS, ARRIVAL.toMillis(), depths.stream().map(d -> d[0] + "/" + d[1]).toList(),
                served.stream().map(k -> k.main().status() + " in " + k.mainMillis() + " ms").toList(),
                jobs.count(), jobs.max(TimeUnit.SECONDS), jobs.mean(TimeUnit.SECONDS));

        assertThat(depths.getLast()[0]).as("jobs pending as the last kiosk arrived, by the application's reading")
                .isGreaterThan(depths.get(KIOSKS / 4)[0]).isGreaterThanOrEqualTo(KIOSKS);
        assertThat(served).allSatisfy(k -> assertThat(k.main().status()).as("main request of " + k.requestId())
                .isIn(200, 202));
        assertThat(accepted).as("kiosks whose conversion outlasted the conversion timeout").hasSizeGreaterThan(KIOSKS / 2);
        assertThat(accepted).allSatisfy(k -> {
            assertThat(k.main().json().get("status").asText()).isEqualTo("QUEUED");
            assertThat(k.main().json().get("statusUrl").asText()).isEqualTo("/api/v1/requests/" + k.requestId());
            assertThat(k.mainMillis()).as("held for the conversion timeout")
                    .isBetween(properties.kiosk().conversionTimeout().toMillis(), 20_000L);
        });
        for (Answer status : finished) {
            ConvertedPhotos.assertConverted(kiosk, status, photos);
        }
        for (Kiosk k : served) {
            if (k.main().status() == 200) {
                ConvertedPhotos.assertConverted(kiosk, k.main(), photos);
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from conversion_request where status <> 'DONE'", Long.class))
                .as("requests not DONE").isZero();
        assertThat(jobs.max(TimeUnit.MILLISECONDS)).as("a job held longer than the visibility timeout")
                .isGreaterThan((double) VISIBILITY_TIMEOUT.toMillis());
        assertThat(counter(ConversionMetrics.RECEIVED) - receivedBefore).as("jobs received: each shot once")
                .isEqualTo(KIOSKS * SHOTS);
        assertThat(counter(ConversionMetrics.ERRORS)).as("jobs that ended in an error").isZero();
        await().atMost(Duration.ofSeconds(10)).until(queue::isEmpty);
        String deadLetters = sqs.getQueueUrl(get -> get.queueName(
                QueueNames.deadLetter(properties.env(), "demo", "sketch"))).queueUrl();
        assertThat(sqs.getQueueAttributes(get -> get.queueUrl(deadLetters)
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings()
                .get("ApproximateNumberOfMessages")).as("dead letters").isEqualTo("0");
    }

    /** A kiosk's customer: pays for two shots of sketch, uploads them and sends the main request. */
    Kiosk convert(KioskClient kiosk, byte[][] photos) {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":" + SHOTS + "}");
        assertThat(pre.status()).isEqualTo(201);
        String requestId = pre.json().get("requestId").asText();
        for (int shot = 0; shot < SHOTS; shot++) {
            assertThat(kiosk.upload(pre.json().get("uploads").get(shot), photos[shot])).isEqualTo(200);
        }
        long start = System.nanoTime();
        Answer main = kiosk.conversion(KioskClient.DEMO_KEY, requestId);
        return new Kiosk(requestId, photos, main, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** The jobs of the sketch generators' queues as the application reads them before an idle stop. */
    long pendingJobs() throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(FleetHeaders.GROUP, "sketch");
        queueDepths.process(exchange);
        return exchange.getMessage().getHeader(FleetHeaders.PENDING_JOBS, Long.class);
    }

    double counter(String name) {
        return meters.find(name).tag(ConversionMetrics.CONCEPT, "sketch").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
