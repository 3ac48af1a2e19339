package io.photobooth.proxy.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.VendorConcept;
import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.ConversionStatus;
import io.photobooth.contract.Json;
import io.photobooth.conversion.CompletionAnnouncer;
import io.photobooth.conversion.JobIntake;
import io.photobooth.proxy.ProxyConfiguration;
import io.photobooth.proxy.support.ProxyRouteTestBeans;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * {@code dead-letter-local-demo-sketch} without SQS, S3 or Redis: the DLQ consumer is replaced by
 * {@code direct:dead-letters}, the S3 put of the failure record by {@code mock:failure-records} and
 * the PUBLISH by {@code mock:failures}. The other vendor's dead-letter route gets the same advice
 * so that nothing connects anywhere.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = DeadLetterRoutesTest.Slice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DeadLetterRoutesTest {

    @SpringBootConfiguration
    @Import({ProxyRouteTestBeans.class, ProxyConfiguration.class, DeadLetterRoutes.class})
    static class Slice {
    }

    private static final String REQUEST_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Autowired
    PhotoboothProperties properties;

    MockEndpoint failureRecords;
    MockEndpoint failures;

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!camelContext.isStarted()) {
            for (VendorConcept queue : properties.vendorConcepts()) {
                AdviceWith.adviceWith(camelContext, DeadLetterRoutes.routeId("local", queue), route -> {
                    route.replaceFromWith("direct:dead-letters-" + queue.vendor());
                    route.weaveById("store-dead-letter-failure").replace().to("mock:failure-records");
                    route.weaveById("publish-dead-letter-failure").replace().to("mock:failures");
                });
            }
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
        failureRecords = camelContext.getEndpoint("mock:failure-records", MockEndpoint.class);
        failures = camelContext.getEndpoint("mock:failures", MockEndpoint.class);
    }

    @Test
    void storesTheShotsFailureRecordThenPublishesTheFailedEvent() throws Exception {
        failureRecords.expectedMessageCount(1);
        failureRecords.expectedHeaderReceived(JobIntake.S3_KEY, "results/local/demo/" + REQUEST_ID + "/2.failed.json");
        failures.expectedMessageCount(1);
        failures.expectedHeaderReceived(CompletionAnnouncer.CHANNEL, "photobooth:local:done:" + REQUEST_ID);

        template.sendBody("direct:dead-letters-demo", job());

        MockEndpoint.assertIsSatisfied(failureRecords, failures);
        CompletionEvent event = Json.mapper().readValue(new String(failureRecords.getReceivedExchanges().getFirst()
                .getMessage().getBody(byte[].class), StandardCharsets.UTF_8), CompletionEvent.class);
        assertThat(event.status()).isEqualTo(ConversionStatus.FAILED);
        assertThat(event.shot()).isEqualTo(2);
        assertThat(event.error()).isEqualTo("the generator could not convert this shot (3 attempts failed)");
        assertThat(failures.getReceivedExchanges().getFirst().getMessage().getHeader(CompletionAnnouncer.MESSAGE,
                String.class)).isEqualTo(Json.mapper().writeValueAsString(event));
    }

    @Test
    void aFailedPublishStillCompletesTheMessageOnceTheRecordIsStored() throws Exception {
        failures.whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("Redis is down");
        });
        failureRecords.expectedMessageCount(1);

        var exchange = template.send("direct:dead-letters-demo", in -> in.getMessage().setBody(job()));

        failureRecords.assertIsSatisfied();
        assertThat(exchange.getException()).as("the message is deleted: reconciliation reads the record").isNull();
    }

    @Test
    void aFailedRecordFailsTheMessageSoThatSqsKeepsIt() throws Exception {
        failureRecords.whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("S3 is down");
        });
        failures.expectedMessageCount(0);

        var exchange = template.send("direct:dead-letters-demo", in -> in.getMessage().setBody(job()));

        failures.assertIsSatisfied();
        assertThat(exchange.getException()).hasMessage("S3 is down");
    }

    @Test
    void aMessageThatIsNoJobIsDropped() throws Exception {
        failureRecords.expectedMessageCount(0);

        var exchange = template.send("direct:dead-letters-acme", in -> in.getMessage().setBody("not a job"));

        failureRecords.assertIsSatisfied();
        assertThat(exchange.getException()).isNull();
    }

    private static String job() throws Exception {
        return Json.mapper().writeValueAsString(new ConversionJob(1, REQUEST_ID, 2, 2, "local", "demo", "sketch",
                "uploads/local/demo/" + REQUEST_ID + "/2.jpg", "results/local/demo/" + REQUEST_ID + "/2.jpg",
                ProxyRouteTestBeans.NOW, ProxyRouteTestBeans.NOW.plusSeconds(120)));
    }
}
