package io.photobooth.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.photobooth.catalogue.PhotoboothProperties.VendorConcept;
import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.Json;
import io.photobooth.contract.ObjectKeys;
import io.photobooth.contract.RefundReason;
import io.photobooth.contract.PhotoFormat;
import io.photobooth.contract.ConversionStatus;
import io.photobooth.conversion.CompletionAnnouncer;
import io.photobooth.conversion.ConversionMetrics;
import io.photobooth.conversion.JobIntake;
import io.photobooth.conversion.ResultUpload;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The {@code conversion-worker} route of the {@code demo} vendor's {@code sketch} queue, with the
 * REAL sketch model (DJL, PyTorch on the CPU, offline) and every external endpoint mocked: the SQS
 * consumer is replaced by {@code direct:job}, the S3 download answers a JPEG generated here, the S3
 * upload and the Redis publish are replaced by mocks.
 *
 * <p>The route comes from a template with {@code prefixId(routeId + "-")}. The prefix is applied
 * when the route is built: at run time (message history, JMX, route dumps) the download node is
 * {@code conversion-worker-local-demo-sketch-download-photo}. AdviceWith works on the route's
 * model, where the node keeps the id the template gives it, so it is woven as
 * {@code weaveById("download-photo")}; advising by route id keeps that to this queue's route.
 */
@CamelSpringBootTest
@UseAdviceWith
@DirtiesContext
@SpringBootTest(classes = WorkerRouteSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ConversionWorkerRoutesTest {

    static {
        // GeneratorConfiguration sets it too; set here so that nothing DJL loads first can download
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    static final Instant NOW = WorkerRouteSlice.NOW;
    static final String ROUTE_ID = ConversionWorkerRoutes.routeId("local", new VendorConcept("demo", "sketch"));
    static final String JOBS = "direct:job";
    static final int WIDTH = 64;
    static final int HEIGHT = 48;

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Autowired
    SimpleMeterRegistry meters;

    MockEndpoint publishProcessing;
    MockEndpoint download;
    MockEndpoint upload;
    MockEndpoint publish;

    byte[] photo;

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!camelContext.isStarted()) {
            AdviceWith.adviceWith(camelContext, ROUTE_ID, route -> {
                route.replaceFromWith(JOBS);
                route.weaveById("publish-processing").replace().to("mock:redis-publish-processing");
                route.weaveById("download-photo").replace().to("mock:s3-download");
                route.weaveById("upload-result").replace().to("mock:s3-upload");
                route.weaveById("publish-completion").replace().to("mock:redis-publish");
                route.weaveById("store-failure").replace().to("mock:s3-failure-record");
                route.weaveById("publish-failure").replace().to("mock:redis-publish");
                route.weaveById("store-expiry").replace().to("mock:s3-failure-record");
                route.weaveById("publish-expiry").replace().to("mock:redis-publish");
            });
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
        meters.clear();
        publishProcessing = camelContext.getEndpoint("mock:redis-publish-processing", MockEndpoint.class);
        download = camelContext.getEndpoint("mock:s3-download", MockEndpoint.class);
        upload = camelContext.getEndpoint("mock:s3-upload", MockEndpoint.class);
        publish = camelContext.getEndpoint("mock:redis-publish", MockEndpoint.class);
        photo = photo();
        // S3 getObject answers the object's content as a stream
        download.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(new ByteArrayInputStream(photo)));
    }

    @Test
    void theTemplateMadeOneWorkerRouteForTheQueue() {
        assertThat(camelContext.getRoute(ROUTE_ID)).isNotNull();
        assertThat(camelContext.getRouteController().getRouteStatus(ROUTE_ID).isStarted())
                .as("started with the JVM, as on EC2").isTrue();
    }

    @Test
    void convertsThePhotoUploadsTheResultAndPublishesTheCompletion() throws Exception {
        ConversionJob job = job(1);
        download.expectedMessageCount(1);
        download.expectedHeaderReceived(JobIntake.S3_KEY, job.inputKey());
        upload.expectedMessageCount(1);
        upload.expectedHeaderReceived(JobIntake.S3_KEY, job.outputKey());
        upload.expectedHeaderReceived(ResultUpload.CONTENT_TYPE, "image/jpeg");
        publish.expectedMessageCount(1);
        publish.expectedHeaderReceived(CompletionAnnouncer.CHANNEL, "photobooth:local:done:" + job.requestId());

        Exchange result = template.send(JOBS, exchange -> exchange.getMessage().setBody(json(job)));

        assertThat(result.getException()).isNull();
        MockEndpoint.assertIsSatisfied(download, upload, publish);

        Exchange put = upload.getReceivedExchanges().getFirst();
        byte[] converted = put.getMessage().getBody(byte[].class);
        assertThat(put.getMessage().getHeader(ResultUpload.CONTENT_LENGTH, Long.class))
                .isEqualTo(converted.length);
        assertThat(converted).as("the model changed the photo").isNotEqualTo(photo);
        assertThat(converted[0] & 0xff).as("JPEG SOI").isEqualTo(0xff);
        assertThat(converted[1] & 0xff).as("JPEG SOI").isEqualTo(0xd8);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(converted));
        assertThat(image).as("a decodable image").isNotNull();
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);

        String message = publish.getReceivedExchanges().getFirst().getMessage()
                .getHeader(CompletionAnnouncer.MESSAGE, String.class);
        CompletionEvent event = Json.mapper().readValue(message, CompletionEvent.class);
        assertThat(event.status()).isEqualTo(ConversionStatus.DONE);
        assertThat(event.requestId()).isEqualTo(job.requestId());
        assertThat(event.shot()).isEqualTo(1);
        assertThat(event.shots()).isEqualTo(2);
        assertThat(event.outputKey()).isEqualTo(job.outputKey());
        assertThat(event.generator()).isEqualTo("generator-test");
        assertThat(event.startedAt()).isEqualTo(NOW);
        assertThat(event.finishedAt()).isEqualTo(NOW);
    }

    @Test
    void countsAndTimesAConvertedJob() throws Exception {
        publish.expectedMessageCount(1);

        Exchange result = template.send(JOBS, exchange -> exchange.getMessage().setBody(json(job(1))));

        assertThat(result.getException()).isNull();
        MockEndpoint.assertIsSatisfied(publish);
        assertThat(meters.get(ConversionMetrics.RECEIVED).tag("concept", "sketch").counter().count()).isEqualTo(1.0);
        assertThat(meters.get(ConversionMetrics.COMPLETED).tags("concept", "sketch", "outcome", "done").counter()
                .count()).isEqualTo(1.0);
        assertThat(meters.find(ConversionMetrics.ERRORS).counter()).isNull();
        assertThat(meters.get(ConversionMetrics.INFERENCE).tag("concept", "sketch").timer().count()).isEqualTo(1);
        Timer queueWait = meters.get(ConversionMetrics.QUEUE_WAIT).tag("concept", "sketch").timer();
        assertThat(queueWait.totalTime(TimeUnit.SECONDS)).as("enqueued 2 s before the fixed clock").isEqualTo(2.0);
        assertThat(meters.get(ConversionMetrics.END_TO_END).tags("concept", "sketch", "outcome", "done").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void announcesThatItStartsTheShotBeforeItDownloadsThePhoto() throws Exception {
        ConversionJob job = job(1);
        List<String> steps = new CopyOnWriteArrayList<>();
        publishProcessing.whenAnyExchangeReceived(exchange -> steps.add("publish-processing"));
        download.whenAnyExchangeReceived(exchange -> {
            steps.add("download-photo");
            exchange.getMessage().setBody(new ByteArrayInputStream(photo));
        });
        publishProcessing.expectedMessageCount(1);
        publishProcessing.expectedHeaderReceived(CompletionAnnouncer.CHANNEL,
                "photobooth:local:done:" + job.requestId());
        publish.expectedMessageCount(1);

        Exchange result = template.send(JOBS, exchange -> exchange.getMessage().setBody(json(job)));

        assertThat(result.getException()).isNull();
        MockEndpoint.assertIsSatisfied(publishProcessing, publish);
        assertThat(steps).containsExactly("publish-processing", "download-photo");
        CompletionEvent started = Json.mapper().readValue(publishProcessing.getReceivedExchanges().getFirst()
                .getMessage().getHeader(CompletionAnnouncer.MESSAGE, String.class), CompletionEvent.class);
        assertThat(started).isEqualTo(new CompletionEvent(CompletionEvent.VERSION, job.requestId(), 1, 2,
                ConversionStatus.PROCESSING, null, null, "generator-test", NOW, null, null, null));
        CompletionEvent completed = Json.mapper().readValue(publish.getReceivedExchanges().getFirst().getMessage()
                .getHeader(CompletionAnnouncer.MESSAGE, String.class), CompletionEvent.class);
        assertThat(completed.status()).isEqualTo(ConversionStatus.DONE);
    }

    @Test
    void failsTheJobWithoutUploadingOrPublishingWhenTheDownloadKeepsFailing() throws Exception {
        download.whenAnyExchangeReceived(exchange -> {
            throw NoSuchKeyException.builder().message("The specified key does not exist.").build();
        });
        download.expectedMessageCount(3);
        upload.expectedMessageCount(0);
        publish.expectedMessageCount(0);

        Exchange result = template.send(JOBS, exchange -> exchange.getMessage().setBody(json(job(2))));

        // tried three times (two retries), then the exception reaches the SQS consumer, which leaves
        // the message on the queue
        assertThat(result.getException()).isInstanceOf(NoSuchKeyException.class);
        MockEndpoint.assertIsSatisfied(download, upload, publish);
        assertThat(meters.get(ConversionMetrics.ERRORS).tag("concept", "sketch").counter().count()).isEqualTo(1.0);
        assertThat(meters.find(ConversionMetrics.COMPLETED).counter()).isNull();
    }

    @Test
    void retriesAFailingDownloadAndConvertsOnce() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        download.whenAnyExchangeReceived(exchange -> {
            if (attempts.incrementAndGet() < 3) {
                throw S3Exception.builder().statusCode(503).message("Slow Down").build();
            }
            exchange.getMessage().setBody(new ByteArrayInputStream(photo));
        });
        download.expectedMessageCount(3);
        upload.expectedMessageCount(1);
        publish.expectedMessageCount(1);

        Exchange result = template.send(JOBS, exchange -> exchange.getMessage().setBody(json(job(1))));

        assertThat(result.getException()).isNull();
        MockEndpoint.assertIsSatisfied(download, upload, publish);
    }

    @Test
    void publishesTheShotAsFailedAtOnceWhenTheUploadIsNotAPhoto() throws Exception {
        ConversionJob job = job(1);
        download.whenAnyExchangeReceived(exchange -> exchange.getMessage()
                .setBody(new ByteArrayInputStream("not a photo".getBytes())));
        download.expectedMessageCount(1);
        upload.expectedMessageCount(0);
        MockEndpoint failureRecord = camelContext.getEndpoint("mock:s3-failure-record", MockEndpoint.class);
        failureRecord.expectedMessageCount(1);
        failureRecord.expectedHeaderReceived(JobIntake.S3_KEY,
                ObjectKeys.failure("local", "demo", job.requestId(), job.shot()));
        publish.expectedMessageCount(1);
        publish.expectedHeaderReceived(CompletionAnnouncer.CHANNEL, "photobooth:local:done:" + job.requestId());

        Exchange result = template.send(JOBS, exchange -> exchange.getMessage().setBody(json(job)));

        // handled: the SQS consumer deletes the message, as no retry could convert it
        assertThat(result.getException()).isNull();
        MockEndpoint.assertIsSatisfied(upload, failureRecord, publish);
        assertThat(failureRecord.getReceivedExchanges().getFirst().getMessage().getBody(String.class))
                .as("the record stored before the publish is the published event")
                .isEqualTo(publish.getReceivedExchanges().getFirst().getMessage()
                        .getHeader(CompletionAnnouncer.MESSAGE, String.class));
        CompletionEvent event = Json.mapper().readValue(publish.getReceivedExchanges().getFirst().getMessage()
                .getHeader(CompletionAnnouncer.MESSAGE, String.class), CompletionEvent.class);
        assertThat(event.status()).isEqualTo(ConversionStatus.FAILED);
        assertThat(event.shot()).isEqualTo(1);
        assertThat(event.outputKey()).isNull();
        assertThat(event.error()).contains("not a decodable JPEG or PNG");
        assertThat(meters.get(ConversionMetrics.COMPLETED).tags("concept", "sketch", "outcome", "failed").counter()
                .count()).isEqualTo(1.0);
        assertThat(meters.find(ConversionMetrics.ERRORS).counter()).as("handled: no error").isNull();
    }

    @Test
    void reportsAJobReadAfterItsDeadlineExpiredWithoutDownloadingOrConvertingIt() throws Exception {
        ConversionJob fresh = job(1);
        ConversionJob late = new ConversionJob(ConversionJob.VERSION, fresh.requestId(), 1, 2, fresh.env(),
                fresh.vendor(), fresh.concept(), fresh.inputKey(), fresh.outputKey(), NOW.minusSeconds(130),
                NOW.minusSeconds(10));
        download.expectedMessageCount(0);
        publishProcessing.expectedMessageCount(0);
        upload.expectedMessageCount(0);
        MockEndpoint failureRecord = camelContext.getEndpoint("mock:s3-failure-record", MockEndpoint.class);
        failureRecord.expectedMessageCount(1);
        failureRecord.expectedHeaderReceived(JobIntake.S3_KEY,
                ObjectKeys.failure("local", "demo", late.requestId(), late.shot()));
        publish.expectedMessageCount(1);

        Exchange result = template.send(JOBS, exchange -> exchange.getMessage().setBody(json(late)));

        assertThat(result.getException()).isNull();
        MockEndpoint.assertIsSatisfied(download, publishProcessing, upload, failureRecord, publish);
        CompletionEvent event = Json.mapper().readValue(publish.getReceivedExchanges().getFirst().getMessage()
                .getHeader(CompletionAnnouncer.MESSAGE, String.class), CompletionEvent.class);
        assertThat(event.status()).isEqualTo(ConversionStatus.EXPIRED);
        assertThat(event.reason()).isEqualTo(RefundReason.DEADLINE_MISSED);
        assertThat(failureRecord.getReceivedExchanges().getFirst().getMessage().getBody(String.class))
                .isEqualTo(publish.getReceivedExchanges().getFirst().getMessage()
                        .getHeader(CompletionAnnouncer.MESSAGE, String.class));
        assertThat(meters.get(ConversionMetrics.COMPLETED).tags("concept", "sketch", "outcome", "expired").counter()
                .count()).isEqualTo(1.0);
        assertThat(meters.find(ConversionMetrics.INFERENCE).timer()).as("the model was not called").isNull();
    }

    @Test
    void refusesAJobOfAnotherVersionBeforeDownloadingAnything() throws Exception {
        ConversionJob job = job(1);
        ConversionJob future = new ConversionJob(3, job.requestId(), job.shot(), job.shots(), job.env(), job.vendor(),
                job.concept(), job.inputKey(), job.outputKey(), job.enqueuedAt(), job.deadline());
        download.expectedMessageCount(0);
        publish.expectedMessageCount(0);

        Exchange result = template.send(JOBS, exchange -> exchange.getMessage().setBody(json(future)));

        assertThat(result.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported job version 3");
        MockEndpoint.assertIsSatisfied(download, publish);
    }

    // --- helpers -------------------------------------------------------------------------------

    /** A job of a 2-shot request, as the proxy's JobBatch writes it. */
    private static ConversionJob job(int shot) {
        String requestId = UUID.randomUUID().toString();
        return new ConversionJob(ConversionJob.VERSION, requestId, shot, 2, "local", "demo", "sketch",
                ObjectKeys.upload("local", "demo", requestId, shot, PhotoFormat.JPEG),
                ObjectKeys.result("local", "demo", requestId, shot), NOW.minusSeconds(2), NOW.plusSeconds(118));
    }

    private static String json(ConversionJob job) throws IOException {
        return Json.mapper().writeValueAsString(job);
    }

    /** A small colourful JPEG, as a kiosk uploads it. */
    private static byte[] photo() throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, Color.ORANGE, WIDTH, HEIGHT, Color.BLUE));
        graphics.fillRect(0, 0, WIDTH, HEIGHT);
        graphics.setColor(Color.WHITE);
        graphics.fillOval(WIDTH / 4, HEIGHT / 4, WIDTH / 2, HEIGHT / 2);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "jpg", out)).isTrue();
        return out.toByteArray();
    }
}
