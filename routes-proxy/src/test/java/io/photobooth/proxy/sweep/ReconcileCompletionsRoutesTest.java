package io.photobooth.proxy.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.photobooth.completion.ConversionWaiters;
import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.ConversionStatus;
import io.photobooth.contract.Json;
import io.photobooth.contract.RefundReason;
import io.photobooth.contract.ObjectKeys;
import io.photobooth.conversion.CompletionReader;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.ProxyConfiguration;
import io.photobooth.proxy.RequestSql;
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
 * {@code reconcile-completions}, {@code reconcile-request} and {@code wake-finished-waiters}
 * without PostgreSQL or S3: the timer is replaced by {@code direct:reconcile-tick}, and every jdbc
 * and aws2-s3 node by a mock that answers like the real endpoint would (rows for a SELECT, the
 * update count for an UPDATE, a {@code List<S3Object>} for listObjects, a stream for getObject).
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = ReconcileCompletionsRoutesTest.Slice.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReconcileCompletionsRoutesTest {

    @SpringBootConfiguration
    @Import({ProxyRouteTestBeans.class, ProxyConfiguration.class, SweepConfiguration.class,
            ReconcileCompletionsRoutes.class})
    static class Slice {
    }

    private static final String TICK = "direct:reconcile-tick";
    private static final Instant STORED = Instant.parse("2025-06-01T09:59:58Z");
    private static final Instant STARTED_AT = Instant.parse("2025-06-01T09:59:50Z");

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Autowired
    ConversionWaiters conversionWaiters;

    MockEndpoint select;
    MockEndpoint listResults;
    MockEndpoint getFailure;
    MockEndpoint recordShot;
    MockEndpoint finishRequest;
    MockEndpoint checkFinished;

    /** The parameters of every RECORD_SHOT, in order. */
    final List<Map<String, Object>> recorded = new CopyOnWriteArrayList<>();

    /** The requests the mocked database reports as finished. */
    final Set<String> finishedInDatabase = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!camelContext.isStarted()) {
            AdviceWith.adviceWith(camelContext, ReconcileCompletionsRoutes.ROUTE_ID, route -> {
                route.replaceFromWith(TICK);
                route.weaveById("reconcile-completions-select").replace().to("mock:select");
            });
            AdviceWith.adviceWith(camelContext, ReconcileCompletionsRoutes.REQUEST_ROUTE_ID, route -> {
                route.weaveById("reconcile-request-list-results").replace().to("mock:list-results");
                route.weaveById("reconcile-request-get-failure").replace().to("mock:get-failure");
                route.weaveById("reconcile-request-record-shot").replace().to("mock:record-shot");
                route.weaveById("reconcile-request-finish-request").replace().to("mock:finish-request");
            });
            AdviceWith.adviceWith(camelContext, ReconcileCompletionsRoutes.WAKE_ROUTE_ID, route ->
                    route.weaveById("wake-finished-waiters-check").replace().to("mock:check-finished"));
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
        recorded.clear();
        finishedInDatabase.clear();
        select = camelContext.getEndpoint("mock:select", MockEndpoint.class);
        listResults = camelContext.getEndpoint("mock:list-results", MockEndpoint.class);
        getFailure = camelContext.getEndpoint("mock:get-failure", MockEndpoint.class);
        recordShot = camelContext.getEndpoint("mock:record-shot", MockEndpoint.class);
        finishRequest = camelContext.getEndpoint("mock:finish-request", MockEndpoint.class);
        checkFinished = camelContext.getEndpoint("mock:check-finished", MockEndpoint.class);
        select.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of()));
        listResults.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of()));
        recordShot.whenAnyExchangeReceived(exchange -> {
            Map<String, Object> parameters = new HashMap<>(exchange.getMessage().getHeaders());
            parameters.values().removeIf(Objects::isNull);
            recorded.add(parameters);
            exchange.getMessage().setHeader(JdbcConstants.JDBC_UPDATE_COUNT, 1);
        });
        finishRequest.whenAnyExchangeReceived(exchange -> exchange.getMessage()
                .setHeader(JdbcConstants.JDBC_UPDATE_COUNT, 1));
        checkFinished.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(
                finishedInDatabase.contains(exchange.getMessage().getHeader(KioskHeaders.REQUEST_ID, String.class))));
    }

    @Test
    void recordsAStoredResultAsDoneAndAFailureRecordAsItsEventThenFinishesTheRequest() throws Exception {
        String requestId = UUID.randomUUID().toString();
        select.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of(queued(requestId, 3))));
        select.expectedBodiesReceived(SweepSql.QUEUED_TO_RECONCILE.strip());
        select.expectedHeaderReceived(SweepSql.RECONCILE_AFTER_MILLIS, 5_000L);
        select.expectedHeaderReceived(SweepSql.REQUEST_EXPIRY_MILLIS, 1_800_000L);
        listResults.expectedHeaderReceived(AWS2S3Constants.PREFIX, ObjectKeys.resultPrefix("local", "demo", requestId));
        listResults.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of(
                stored(ObjectKeys.result("local", "demo", requestId, 1)),
                stored(ObjectKeys.failure("local", "demo", requestId, 2)))));
        getFailure.expectedMessageCount(1);
        getFailure.expectedHeaderReceived(AWS2S3Constants.KEY, ObjectKeys.failure("local", "demo", requestId, 2));
        getFailure.whenAnyExchangeReceived(exchange -> exchange.getMessage()
                .setBody(new ByteArrayInputStream(failedEvent(requestId, 2).getBytes())));
        recordShot.expectedBodiesReceived(RequestSql.RECORD_SHOT.strip(), RequestSql.RECORD_SHOT.strip());
        finishRequest.expectedMessageCount(1);
        finishRequest.expectedBodiesReceived(RequestSql.FINISH_REQUEST.strip());
        finishRequest.expectedHeaderReceived(KioskHeaders.REQUEST_ID, requestId);

        template.sendBody(TICK, null);

        MockEndpoint.assertIsSatisfied(select, listResults, getFailure, recordShot, finishRequest);
        assertThat(recorded).hasSize(2);
        Map<String, Object> result = recorded.get(0);
        assertThat(result).containsEntry(KioskHeaders.REQUEST_ID, requestId).containsEntry(KioskHeaders.SHOT, 1)
                .containsEntry(CompletionReader.SHOT_STATUS, "DONE")
                .containsEntry(CompletionReader.GENERATOR, "reconciled")
                .containsEntry(CompletionReader.FINISHED_AT, Timestamp.from(STORED))
                .doesNotContainKeys(CompletionReader.ERROR, CompletionReader.STARTED_AT);
        Map<String, Object> failure = recorded.get(1);
        assertThat(failure).containsEntry(KioskHeaders.REQUEST_ID, requestId).containsEntry(KioskHeaders.SHOT, 2)
                .containsEntry(CompletionReader.SHOT_STATUS, "FAILED")
                .containsEntry(CompletionReader.GENERATOR, "generator-7")
                .containsEntry(CompletionReader.ERROR, "not a decodable JPEG or PNG image")
                .containsEntry(CompletionReader.STARTED_AT, Timestamp.from(STARTED_AT));
    }

    @Test
    void touchesNoRecordWhileNothingIsStoredForTheRequest() throws Exception {
        String requestId = UUID.randomUUID().toString();
        select.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of(queued(requestId, 2))));
        listResults.expectedMessageCount(1);
        recordShot.expectedMessageCount(0);
        finishRequest.expectedMessageCount(0);

        template.sendBody(TICK, null);

        MockEndpoint.assertIsSatisfied(listResults, recordShot, finishRequest);
    }

    @Test
    void goesOnWithTheNextRequestWhenS3FailsForOne() throws Exception {
        String failing = UUID.randomUUID().toString();
        String next = UUID.randomUUID().toString();
        select.whenAnyExchangeReceived(exchange -> exchange.getMessage()
                .setBody(List.of(queued(failing, 1), queued(next, 1))));
        listResults.whenAnyExchangeReceived(exchange -> {
            String requestId = exchange.getMessage().getHeader(KioskHeaders.REQUEST_ID, String.class);
            if (requestId.equals(failing)) {
                throw S3Exception.builder().message("S3 is unreachable").build();
            }
            exchange.getMessage().setBody(List.of(stored(ObjectKeys.result("local", "demo", requestId, 1))));
        });
        finishRequest.expectedMessageCount(1);
        finishRequest.expectedHeaderReceived(KioskHeaders.REQUEST_ID, next);

        Exchange tick = template.send(TICK, exchange -> exchange.getMessage().setBody(null));

        assertThat(tick.getException()).as("logged and handled").isNull();
        finishRequest.assertIsSatisfied();
    }

    @Test
    void wakesTheKiosksWaitingInThisProxyOnRequestsTheDatabaseSaysAreFinished() throws Exception {
        String finished = UUID.randomUUID().toString();
        String converting = UUID.randomUUID().toString();
        conversionWaiters.register(finished);
        conversionWaiters.register(converting);
        finishedInDatabase.add(finished); // another proxy, or an event this proxy missed, finished it
        checkFinished.expectedBodiesReceivedInAnyOrder(RequestSql.REQUEST_FINISHED.strip(),
                RequestSql.REQUEST_FINISHED.strip());

        template.sendBody(TICK, null);

        checkFinished.assertIsSatisfied();
        assertThat(conversionWaiters.await(finished, Duration.ofMillis(100))).as("woken").isTrue();
        assertThat(conversionWaiters.await(converting, Duration.ofMillis(100))).as("still waiting").isFalse();
    }

    private static Map<String, Object> queued(String requestId, int shots) {
        return Map.of("request_id", requestId, "vendor", "demo", "shots", shots);
    }

    private static S3Object stored(String key) {
        return S3Object.builder().key(key).size(1234L).lastModified(STORED).build();
    }

    private static String failedEvent(String requestId, int shot) throws Exception {
        return Json.mapper().writeValueAsString(new CompletionEvent(CompletionEvent.VERSION, requestId, shot, 3,
                ConversionStatus.FAILED, null, "not a decodable JPEG or PNG image", "generator-7", STARTED_AT,
                STORED, RefundReason.INPUT_REJECTED, null));
    }
}
