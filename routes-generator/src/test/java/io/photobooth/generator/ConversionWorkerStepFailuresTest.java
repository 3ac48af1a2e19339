package io.photobooth.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.photobooth.catalogue.PhotoboothProperties.VendorConcept;
import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.ConversionStatus;
import io.photobooth.contract.Json;
import io.photobooth.contract.ObjectKeys;
import io.photobooth.contract.PhotoFormat;
import io.photobooth.conversion.CompletionAnnouncer;
import io.photobooth.filter.UnusablePhotoException;

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

/**
 * The {@code conversion-worker} route with S3, Redis AND the model (the DJL step
 * {@code convert-photo}) replaced by mocks, to show what each failing step does: a transient
 * failure is retried in place and the job converts once; a photo the model refuses fails the shot
 * at once without a retry; a step that keeps failing leaves the job to SQS with nothing published.
 */
@CamelSpringBootTest
@UseAdviceWith
@DirtiesContext
@SpringBootTest(classes = WorkerRouteSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ConversionWorkerStepFailuresTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    static final Instant NOW = WorkerRouteSlice.NOW;
    static final String ROUTE_ID = ConversionWorkerRoutes.routeId("local", new VendorConcept("demo", "sketch"));
    static final String JOBS = "direct:step-failure-jobs";
    static final byte[] CONVERTED = {(byte) 0xff, (byte) 0xd8, 1, 2, 3};

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    MockEndpoint download;
    MockEndpoint model;
    MockEndpoint upload;
    MockEndpoint publish;
    MockEndpoint failureRecord;

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!camelContext.isStarted()) {
            AdviceWith.adviceWith(camelContext, ROUTE_ID, route -> {
                route.replaceFromWith(JOBS);
                route.weaveById("publish-processing").replace().to("mock:processing");
                route.weaveById("download-photo").replace().to("mock:download");
                route.weaveById("convert-photo").replace().to("mock:model");
                route.weaveById("upload-result").replace().to("mock:upload");
                route.weaveById("publish-completion").replace().to("mock:publish");
                route.weaveById("store-failure").replace().to("mock:failure-record");
                route.weaveById("publish-failure").replace().to("mock:publish");
                route.weaveById("store-expiry").replace().to("mock:failure-record");
                route.weaveById("publish-expiry").replace().to("mock:publish");
            });
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
        download = camelContext.getEndpoint("mock:download", MockEndpoint.class);
        model = camelContext.getEndpoint("mock:model", MockEndpoint.class);
        upload = camelContext.getEndpoint("mock:upload", MockEndpoint.class);
        publish = camelContext.getEndpoint("mock:publish", MockEndpoint.class);
        failureRecord = camelContext.getEndpoint("mock:failure-record", MockEndpoint.class);
        download.whenAnyExchangeReceived(exchange -> exchange.getMessage()
                .setBody(new ByteArrayInputStream(new byte[] {1, 2, 3})));
        model.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(CONVERTED));
    }

    @Test
    void aModelCallThatFailsOnceIsRetriedAndTheJobConvertsOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        model.whenAnyExchangeReceived(exchange -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the sketch model failed");
            }
            exchange.getMessage().setBody(CONVERTED);
        });
        model.expectedMessageCount(2);
        upload.expectedMessageCount(1);
        publish.expectedMessageCount(1);

        Exchange result = convert();

        assertThat(result.getException()).isNull();
        MockEndpoint.assertIsSatisfied(model, upload, publish);
        assertThat(upload.getReceivedExchanges().getFirst().getMessage().getBody(byte[].class)).isEqualTo(CONVERTED);
    }

    @Test
    void aPhotoTheModelRefusesFailsTheShotAtOnceWithoutARetry() throws Exception {
        model.whenAnyExchangeReceived(exchange -> {
            throw new UnusablePhotoException("the photo is truncated or corrupt (Premature end of JPEG file)");
        });
        model.expectedMessageCount(1);
        upload.expectedMessageCount(0);
        failureRecord.expectedMessageCount(1);
        publish.expectedMessageCount(1);

        Exchange result = convert();

        assertThat(result.getException()).as("handled: SQS deletes the job").isNull();
        MockEndpoint.assertIsSatisfied(model, upload, failureRecord, publish);
        CompletionEvent event = Json.mapper().readValue(publish.getReceivedExchanges().getFirst().getMessage()
                .getHeader(CompletionAnnouncer.MESSAGE, String.class), CompletionEvent.class);
        assertThat(event.status()).isEqualTo(ConversionStatus.FAILED);
        assertThat(event.error()).isEqualTo("the photo is truncated or corrupt (Premature end of JPEG file)");
    }

    @Test
    void aPublishThatFailsOnceIsRetriedWithoutConvertingOrUploadingAgain() throws Exception {
        AtomicInteger publishes = new AtomicInteger();
        publish.whenAnyExchangeReceived(exchange -> {
            if (publishes.incrementAndGet() == 1) {
                throw new IllegalStateException("Redis is restarting");
            }
        });
        model.expectedMessageCount(1);
        upload.expectedMessageCount(1);
        publish.expectedMessageCount(2);

        Exchange result = convert();

        assertThat(result.getException()).isNull();
        MockEndpoint.assertIsSatisfied(model, upload, publish);
    }

    @Test
    void anUploadThatKeepsFailingLeavesTheJobToSqsWithNothingPublished() throws Exception {
        upload.whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("S3 is unreachable");
        });
        upload.expectedMessageCount(3);
        publish.expectedMessageCount(0);

        Exchange result = convert();

        assertThat(result.getException()).hasMessage("S3 is unreachable");
        MockEndpoint.assertIsSatisfied(upload, publish);
    }

    private Exchange convert() throws Exception {
        String requestId = UUID.randomUUID().toString();
        ConversionJob job = new ConversionJob(ConversionJob.VERSION, requestId, 1, 1, "local", "demo", "sketch",
                ObjectKeys.upload("local", "demo", requestId, 1, PhotoFormat.JPEG),
                ObjectKeys.result("local", "demo", requestId, 1), NOW.minusSeconds(2), NOW.plusSeconds(118));
        String json = Json.mapper().writeValueAsString(job);
        return template.send(JOBS, exchange -> exchange.getMessage().setBody(json));
    }
}
