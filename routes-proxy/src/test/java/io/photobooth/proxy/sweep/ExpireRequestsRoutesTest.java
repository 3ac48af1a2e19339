package io.photobooth.proxy.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.photobooth.completion.ConversionWaiters;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.UploadVerifier;
import io.photobooth.proxy.ProxyConfiguration;
import io.photobooth.proxy.RequestSql;
import io.photobooth.proxy.events.RequestEventConfiguration;
import io.photobooth.proxy.support.ProxyRouteTestBeans;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code expire-requests} and {@code remove-expired-uploads} without PostgreSQL or S3: the timer is
 * replaced by {@code direct:expiry-tick}; the guarded UPDATE answers the rows it expired, the S3
 * listing answers the uploads, and the deletes are recorded.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = ExpireRequestsRoutesTest.Slice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ExpireRequestsRoutesTest {

    @SpringBootConfiguration
    @Import({ProxyRouteTestBeans.class, ProxyConfiguration.class, RequestEventConfiguration.class,
        ExpireRequestsRoutes.class})
    static class Slice {
    }

    static final String TICK = "direct:expiry-tick";

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Autowired
    ConversionWaiters conversionWaiters;

    MockEndpoint expire;
    MockEndpoint expireLate;
    MockEndpoint failOverdue;
    MockEndpoint finish;
    MockEndpoint listUploads;
    MockEndpoint deleteUpload;

    /** Advises the two routes; shared with the test of the AWS setting. */
    static void advise(CamelContext camelContext) throws Exception {
        AdviceWith.adviceWith(camelContext, ExpireRequestsRoutes.ROUTE_ID, route -> {
            route.replaceFromWith(TICK);
            route.weaveById("expire-requests-update").replace().to("mock:expire");
            route.weaveById("expire-requests-expire-late").replace().to("mock:expire-late");
            route.weaveById("expire-requests-fail-overdue").replace().to("mock:fail-overdue");
        });
        AdviceWith.adviceWith(camelContext, ExpireRequestsRoutes.FINISH_ROUTE_ID,
                route -> route.weaveById("finish-swept-request").replace().to("mock:finish"));
        AdviceWith.adviceWith(camelContext, ExpireRequestsRoutes.REMOVE_ROUTE_ID, route -> {
            route.weaveById("remove-expired-uploads-list").replace().to("mock:list-uploads");
            route.weaveById("remove-expired-uploads-delete").replace().to("mock:delete-upload");
        });
        camelContext.start();
    }

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!camelContext.isStarted()) {
            advise(camelContext);
        }
        MockEndpoint.resetMocks(camelContext);
        expire = camelContext.getEndpoint("mock:expire", MockEndpoint.class);
        listUploads = camelContext.getEndpoint("mock:list-uploads", MockEndpoint.class);
        deleteUpload = camelContext.getEndpoint("mock:delete-upload", MockEndpoint.class);
        failOverdue = camelContext.getEndpoint("mock:fail-overdue", MockEndpoint.class);
        finish = camelContext.getEndpoint("mock:finish", MockEndpoint.class);
        expireLate = camelContext.getEndpoint("mock:expire-late", MockEndpoint.class);
        expire.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of()));
        expireLate.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of()));
        failOverdue.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of()));
    }

    @Test
    void failsAndFinishesEachRequestStillQueuedPastTheExpiryAndWakesItsKiosk() throws Exception {
        String overdue = UUID.randomUUID().toString();
        conversionWaiters.register(overdue);
        failOverdue.whenAnyExchangeReceived(exchange -> exchange.getMessage()
                .setBody(List.of(Map.of("request_id", overdue))));
        failOverdue.expectedBodiesReceived(SweepSql.FAIL_OVERDUE_SHOTS.strip());
        failOverdue.expectedHeaderReceived(SweepSql.REQUEST_EXPIRY_MILLIS, 1_800_000L);
        // every pending shot failed: the statement finishes the request, as the database answers
        finish.whenAnyExchangeReceived(exchange -> exchange.getMessage().setHeader(JdbcConstants.JDBC_UPDATE_COUNT, 1));
        finish.expectedBodiesReceived(RequestSql.FINISH_REQUEST.strip());
        finish.expectedHeaderReceived(KioskHeaders.REQUEST_ID, overdue);

        template.sendBody(TICK, null);

        MockEndpoint.assertIsSatisfied(failOverdue, finish);
        assertThat(conversionWaiters.await(overdue, Duration.ofSeconds(1))).as("the kiosk is woken").isTrue();
    }

    @Test
    void finishesEachRequestWhoseShotsExpiredAtTheDeadlineAndWakesItsKioskOnlyWhenFinished() throws Exception {
        String expired = UUID.randomUUID().toString();
        String stillConverting = UUID.randomUUID().toString();
        conversionWaiters.register(expired);
        conversionWaiters.register(stillConverting);
        expireLate.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of(
                Map.of("request_id", expired), Map.of("request_id", stillConverting))));
        expireLate.expectedBodiesReceived(SweepSql.EXPIRE_LATE_SHOTS.strip());
        expireLate.expectedHeaderReceived(SweepSql.DEADLINE_GRACE_MILLIS, 10_000L);
        expireLate.expectedHeaderReceived(RequestSql.ACTOR, "proxy:proxy-test");
        finish.whenAnyExchangeReceived(exchange -> exchange.getMessage().setHeader(JdbcConstants.JDBC_UPDATE_COUNT,
                expired.equals(exchange.getMessage().getHeader(KioskHeaders.REQUEST_ID)) ? 1 : 0));
        finish.expectedBodiesReceived(RequestSql.FINISH_REQUEST.strip(), RequestSql.FINISH_REQUEST.strip());
        finish.expectedHeaderValuesReceivedInAnyOrder(KioskHeaders.REQUEST_ID, expired, stillConverting);

        template.sendBody(TICK, null);

        MockEndpoint.assertIsSatisfied(expireLate, finish);
        assertThat(conversionWaiters.await(expired, Duration.ofSeconds(1))).as("the kiosk is woken").isTrue();
        assertThat(conversionWaiters.await(stillConverting, Duration.ofMillis(200)))
                .as("a started shot still converts: its kiosk waits on").isFalse();
    }

    @Test
    void expiresOldRequestsAndDeletesEveryUploadOfEachOneExpired() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        expire.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of(
                Map.of("request_id", first, "vendor", "demo"), Map.of("request_id", second, "vendor", "acme"))));
        expire.expectedBodiesReceived(SweepSql.EXPIRE_REQUESTS.strip());
        expire.expectedHeaderReceived(SweepSql.REQUEST_EXPIRY_MILLIS, 1_800_000L);
        listUploads.whenAnyExchangeReceived(exchange -> {
            String prefix = exchange.getMessage().getHeader(AWS2S3Constants.PREFIX, String.class);
            exchange.getMessage().setBody(prefix.contains(first)
                    ? List.of(upload(prefix + "1.jpg"), upload(prefix + "2.jpg"))
                    : List.of());
        });
        listUploads.expectedHeaderValuesReceivedInAnyOrder(AWS2S3Constants.PREFIX,
                UploadVerifier.prefix("local", "demo", first), UploadVerifier.prefix("local", "acme", second));
        deleteUpload.expectedHeaderValuesReceivedInAnyOrder(AWS2S3Constants.KEY,
                UploadVerifier.prefix("local", "demo", first) + "1.jpg",
                UploadVerifier.prefix("local", "demo", first) + "2.jpg");

        template.sendBody(TICK, null);

        MockEndpoint.assertIsSatisfied(expire, listUploads, deleteUpload);
        assertThat(deleteUpload.getReceivedExchanges()).allSatisfy(delete -> assertThat(
                delete.getMessage().getHeader(KioskHeaders.REQUEST_ID)).isEqualTo(first));
    }

    @Test
    void touchesNoUploadWhenNothingExpired() throws Exception {
        listUploads.expectedMessageCount(0);
        finish.expectedMessageCount(0);

        template.sendBody(TICK, null);

        MockEndpoint.assertIsSatisfied(listUploads, finish);
    }

    @Test
    void retriesAFailedListingTwiceThenLogsItAndGoesOn() throws Exception {
        String requestId = UUID.randomUUID().toString();
        expire.whenAnyExchangeReceived(exchange -> exchange.getMessage()
                .setBody(List.of(Map.of("request_id", requestId, "vendor", "demo"))));
        listUploads.whenAnyExchangeReceived(exchange -> {
            throw S3Exception.builder().message("S3 is unreachable").build();
        });
        listUploads.expectedMessageCount(3);
        deleteUpload.expectedMessageCount(0);

        Exchange tick = template.send(TICK, exchange -> exchange.getMessage().setBody(null));

        assertThat(tick.getException()).isNull();
        MockEndpoint.assertIsSatisfied(listUploads, deleteUpload);
    }

    static S3Object upload(String key) {
        return S3Object.builder().key(key).size(2000L).build();
    }
}
