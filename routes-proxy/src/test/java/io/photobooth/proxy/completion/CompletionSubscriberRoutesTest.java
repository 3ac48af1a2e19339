package io.photobooth.proxy.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.photobooth.completion.ConversionWaiters;
import io.photobooth.contract.CompletionEvent;
import io.photobooth.contract.Json;
import io.photobooth.contract.RefundReason;
import io.photobooth.contract.ObjectKeys;
import io.photobooth.contract.ConversionStatus;
import io.photobooth.conversion.CompletionReader;
import io.photobooth.events.RequestEventSignals;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.ProxyConfiguration;
import io.photobooth.proxy.RequestSql;
import io.photobooth.proxy.events.RequestEventConfiguration;
import io.photobooth.proxy.events.RequestEventSql;
import io.photobooth.proxy.support.ProxyRouteTestBeans;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
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

/**
 * {@code completion-subscriber} without Redis or PostgreSQL: its Redis PSUBSCRIBE consumer is
 * replaced by {@code direct:completions}, which a test feeds with the JSON strings a generator
 * publishes, and its statements ({@code record-shot-started}, {@code record-shot},
 * {@code finish-request}, {@code check-finished}) are replaced by mocks; the check answers what the
 * test says the database holds.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = CompletionSubscriberRoutesTest.Slice.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CompletionSubscriberRoutesTest {

    @SpringBootConfiguration
    @Import({ProxyRouteTestBeans.class, ProxyConfiguration.class, RequestEventConfiguration.class,
        CompletionSubscriberRoutes.class})
    static class Slice {
    }

    private static final String COMPLETIONS = "direct:completions";
    private static final Instant STARTED_AT = Instant.parse("2025-06-01T10:00:01Z");
    private static final Instant FINISHED_AT = Instant.parse("2025-06-01T10:00:03Z");

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Autowired
    ConversionWaiters conversionWaiters;

    @Autowired
    RequestEventSignals requestEventSignals;

    MockEndpoint recordShotStarted;
    MockEndpoint recordShot;
    MockEndpoint finishRequest;
    MockEndpoint checkFinished;

    /** What reached the database, in order: "record 1", "finish", "check", ... */
    final List<String> databaseCalls = new CopyOnWriteArrayList<>();

    /** The requests the mocked database reports as finished. */
    final Set<String> finishedInDatabase = ConcurrentHashMap.newKeySet();

    /** The requests whose next finish-request statement finishes them (stores their done event). */
    final Set<String> finishedByNextStatement = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!camelContext.isStarted()) {
            AdviceWith.adviceWith(camelContext, CompletionSubscriberRoutes.ROUTE_ID, route -> {
                route.replaceFromWith(COMPLETIONS);
                route.weaveById("record-shot-started").replace().to("mock:record-shot-started");
                route.weaveById("record-shot").replace().to("mock:record-shot");
                route.weaveById("finish-request").replace().to("mock:finish-request");
                route.weaveById("check-finished").replace().to("mock:check-finished");
            });
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
        databaseCalls.clear();
        recordShotStarted = camelContext.getEndpoint("mock:record-shot-started", MockEndpoint.class);
        recordShot = camelContext.getEndpoint("mock:record-shot", MockEndpoint.class);
        finishRequest = camelContext.getEndpoint("mock:finish-request", MockEndpoint.class);
        checkFinished = camelContext.getEndpoint("mock:check-finished", MockEndpoint.class);
        recordShotStarted.whenAnyExchangeReceived(exchange ->
                databaseCalls.add("start " + exchange.getMessage().getHeader(KioskHeaders.SHOT)));
        recordShot.whenAnyExchangeReceived(exchange ->
                databaseCalls.add("record " + exchange.getMessage().getHeader(KioskHeaders.SHOT)));
        finishRequest.whenAnyExchangeReceived(exchange -> {
            databaseCalls.add("finish");
            String requestId = exchange.getMessage().getHeader(KioskHeaders.REQUEST_ID, String.class);
            boolean finishes = finishedByNextStatement.remove(requestId);
            if (finishes) {
                finishedInDatabase.add(requestId);
            }
            exchange.getMessage().setHeader(JdbcConstants.JDBC_UPDATE_COUNT, finishes ? 1 : 0);
        });
        checkFinished.whenAnyExchangeReceived(exchange -> {
            databaseCalls.add("check");
            exchange.getMessage().setBody(
                    finishedInDatabase.contains(exchange.getMessage().getHeader(KioskHeaders.REQUEST_ID, String.class)));
        });
    }

    @Test
    void recordsEveryEventThenFinishesAndChecksTheRequestInTheDatabase() throws Exception {
        String requestId = UUID.randomUUID().toString();
        recordShot.expectedMessageCount(3);
        recordShot.expectedBodiesReceived(RequestSql.RECORD_SHOT.strip(), RequestSql.RECORD_SHOT.strip(),
                RequestSql.RECORD_SHOT.strip());
        recordShot.expectedHeaderValuesReceivedInAnyOrder(KioskHeaders.SHOT, 1, 1, 2);
        finishRequest.expectedBodiesReceived(RequestSql.FINISH_REQUEST.strip(), RequestSql.FINISH_REQUEST.strip(),
                RequestSql.FINISH_REQUEST.strip());
        finishRequest.expectedHeaderReceived(KioskHeaders.REQUEST_ID, requestId);
        checkFinished.expectedBodiesReceived(RequestSql.REQUEST_FINISHED.strip(), RequestSql.REQUEST_FINISHED.strip(),
                RequestSql.REQUEST_FINISHED.strip());

        template.sendBody(COMPLETIONS, event(requestId, 1, ConversionStatus.DONE));
        template.sendBody(COMPLETIONS, event(requestId, 1, ConversionStatus.DONE)); // Redis delivered it twice
        template.sendBody(COMPLETIONS, event(requestId, 2, ConversionStatus.DONE));

        MockEndpoint.assertIsSatisfied(recordShot, finishRequest, checkFinished);
        assertThat(databaseCalls).containsExactly("record 1", "finish", "check", "record 1", "finish", "check",
                "record 2", "finish", "check");
    }

    @Test
    void passesTheEventAsTheRecordShotParameters() throws Exception {
        String requestId = UUID.randomUUID().toString();
        recordShot.expectedMessageCount(1);
        recordShot.expectedHeaderReceived(KioskHeaders.REQUEST_ID, requestId);
        recordShot.expectedHeaderReceived(KioskHeaders.SHOT, 1);
        recordShot.expectedHeaderReceived(CompletionReader.SHOT_STATUS, "FAILED");
        recordShot.expectedHeaderReceived(CompletionReader.ERROR, "the sketch model failed");
        recordShot.expectedHeaderReceived(CompletionReader.GENERATOR, "generator-1");
        recordShot.expectedHeaderReceived(CompletionReader.STARTED_AT, Timestamp.from(STARTED_AT));
        recordShot.expectedHeaderReceived(CompletionReader.FINISHED_AT, Timestamp.from(FINISHED_AT));

        template.sendBody(COMPLETIONS, event(requestId, 1, ConversionStatus.FAILED));

        recordShot.assertIsSatisfied();
    }

    @Test
    void wakesTheKioskOnceTheDatabaseSaysTheRequestIsFinished() throws Exception {
        String requestId = UUID.randomUUID().toString();
        conversionWaiters.register(requestId); // as enqueue-shots does before it sends the jobs

        template.sendBody(COMPLETIONS, event(requestId, 1, ConversionStatus.DONE));
        finishedInDatabase.add(requestId);
        template.sendBody(COMPLETIONS, event(requestId, 2, ConversionStatus.FAILED));

        long start = System.nanoTime();
        assertThat(conversionWaiters.await(requestId, Duration.ofSeconds(5))).as("woken").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(conversionWaiters.size()).isZero();
    }

    @Test
    void wakesTheKioskWithoutAnotherReadWhenItsOwnStatementFinishedTheRequest() throws Exception {
        String requestId = UUID.randomUUID().toString();
        conversionWaiters.register(requestId);
        finishedByNextStatement.add(requestId);

        template.sendBody(COMPLETIONS, event(requestId, 2, ConversionStatus.DONE));

        assertThat(conversionWaiters.await(requestId, Duration.ofSeconds(5))).as("woken").isTrue();
        assertThat(databaseCalls).containsExactly("record 2", "finish");
    }

    @Test
    void doesNotWakeTheKioskWhileTheDatabaseSaysAShotIsOutstanding() throws Exception {
        String requestId = UUID.randomUUID().toString();
        conversionWaiters.register(requestId);
        checkFinished.expectedMessageCount(2);

        template.sendBody(COMPLETIONS, event(requestId, 2, ConversionStatus.DONE));
        template.sendBody(COMPLETIONS, event(requestId, 2, ConversionStatus.DONE));

        checkFinished.assertIsSatisfied();
        assertThat(conversionWaiters.await(requestId, Duration.ofMillis(100))).as("still waiting").isFalse();
    }

    @Test
    void wakesAKioskEvenWhenAnotherProxyFinishedTheRequest() throws Exception {
        String requestId = UUID.randomUUID().toString();
        conversionWaiters.register(requestId);
        finishedInDatabase.add(requestId); // the guarded finish changed nothing here: another proxy did it

        template.sendBody(COMPLETIONS, event(requestId, 2, ConversionStatus.DONE));

        assertThat(conversionWaiters.await(requestId, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void recordsAProcessingNoticeAsTheShotsStartOnlyAndNeverAsItsOutcome() throws Exception {
        String requestId = UUID.randomUUID().toString();
        conversionWaiters.register(requestId);
        finishedInDatabase.add(requestId);
        recordShotStarted.expectedMessageCount(2);
        recordShotStarted.expectedBodiesReceived(RequestEventSql.RECORD_SHOT_STARTED.strip(),
                RequestEventSql.RECORD_SHOT_STARTED.strip());
        recordShotStarted.expectedHeaderReceived(KioskHeaders.REQUEST_ID, requestId);
        recordShotStarted.expectedHeaderReceived(KioskHeaders.SHOT, 1);
        recordShotStarted.expectedHeaderReceived(CompletionReader.GENERATOR, "generator-1");
        recordShotStarted.expectedHeaderReceived(CompletionReader.STARTED_AT, Timestamp.from(STARTED_AT));

        template.sendBody(COMPLETIONS, event(requestId, 1, ConversionStatus.PROCESSING));
        template.sendBody(COMPLETIONS, event(requestId, 1, ConversionStatus.PROCESSING)); // Redis delivered it twice

        recordShotStarted.assertIsSatisfied();
        assertThat(databaseCalls).containsExactly("start 1", "start 1");
        assertThat(conversionWaiters.await(requestId, Duration.ofMillis(100))).as("the kiosk still waits").isFalse();
    }

    @Test
    void wakesTheEventStreamsOfTheRequestAfterEveryNoticeWhicheverProxyStoredTheEvent() throws Exception {
        String requestId = UUID.randomUUID().toString();
        RequestEventSignals.Listener other = requestEventSignals.listen(UUID.randomUUID().toString());

        RequestEventSignals.Listener beforeStart = requestEventSignals.listen(requestId);
        template.sendBody(COMPLETIONS, event(requestId, 1, ConversionStatus.PROCESSING));
        RequestEventSignals.Listener beforeOutcome = requestEventSignals.listen(requestId);
        template.sendBody(COMPLETIONS, event(requestId, 1, ConversionStatus.DONE));

        assertThat(beforeStart.await(Duration.ZERO)).isTrue();
        assertThat(beforeOutcome.await(Duration.ZERO)).isTrue();
        assertThat(other.await(Duration.ZERO)).isFalse();
        other.close();
    }

    @Test
    void failsTheExchangeOfAnEventThatIsNotACompletion() throws Exception {
        recordShot.expectedMessageCount(0);

        Exchange result = template.send(COMPLETIONS, exchange -> exchange.getMessage().setBody("{\"hello\":1}"));

        assertThat(result.getException()).isNotNull();
        recordShot.assertIsSatisfied();
    }

    /** The JSON a generator publishes for one shot of a 2-shot request. */
    private static String event(String requestId, int shot, ConversionStatus status) throws JsonProcessingException {
        return Json.mapper().writeValueAsString(new CompletionEvent(CompletionEvent.VERSION, requestId, shot, 2, status,
                status == ConversionStatus.DONE ? ObjectKeys.result("local", "demo", requestId, shot) : null,
                status == ConversionStatus.FAILED ? "the sketch model failed" : null,
                "generator-1", STARTED_AT, FINISHED_AT,
                status == ConversionStatus.FAILED ? RefundReason.INPUT_REJECTED : null,
                status == ConversionStatus.DONE ? 700L : null));
    }
}
