package io.photobooth.proxy.events;

import static io.photobooth.proxy.support.KioskCalls.DEMO_KEY;
import static io.photobooth.proxy.support.KioskCalls.call;
import static io.photobooth.proxy.support.KioskCalls.contentType;
import static io.photobooth.proxy.support.KioskCalls.json;
import static io.photobooth.proxy.support.KioskCalls.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.photobooth.events.EventSink;
import io.photobooth.events.EventStreamOpener;
import io.photobooth.events.RecordingEventSink;
import io.photobooth.events.RequestEventSignals;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.KioskErrors;
import io.photobooth.proxy.ProxyConfiguration;
import io.photobooth.proxy.support.ProxyRouteTestBeans;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * {@code request-events} without HTTP or PostgreSQL: its first step, which keeps the servlet
 * response, is replaced by one that gives the exchange a {@link RecordingEventSink}, and its two
 * SELECTs ({@code request-events-load}, {@code request-events-read}) are replaced by mocks that
 * answer what the test says the database holds. Streams last at most 1.5 s here.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = RequestEventRoutesTest.Slice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "photobooth.kiosk.event-stream-timeout=PT1.5S")
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RequestEventRoutesTest {

    @SpringBootConfiguration
    @Import({ProxyRouteTestBeans.class, ProxyConfiguration.class, RequestEventConfiguration.class, KioskErrors.class,
        RequestEventRoutes.class})
    static class Slice {
    }

    private static final String REQUEST_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    /** The sink of the current test: the advice is woven once, for every test instance. */
    private static final AtomicReference<RecordingEventSink> SINK = new AtomicReference<>();

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Autowired
    RequestEventSignals requestEventSignals;

    MockEndpoint loadRequest;
    MockEndpoint readEvents;
    RecordingEventSink sink;

    /** What each read of the events answers, in turn; the last one again once the others are used. */
    final ConcurrentLinkedQueue<List<Map<String, Object>>> reads = new ConcurrentLinkedQueue<>();
    final List<Long> readAt = new CopyOnWriteArrayList<>();

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!camelContext.isStarted()) {
            AdviceWith.adviceWith(camelContext, RequestEventRoutes.ROUTE_ID, route -> {
                route.weaveById("request-events-keep-response").replace()
                        .process(exchange -> exchange.setProperty(EventSink.PROPERTY, SINK.get()));
                route.weaveById("request-events-load").replace().to("mock:request-events-load");
                route.weaveById("request-events-read").replace().to("mock:request-events-read");
            });
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
        sink = new RecordingEventSink();
        SINK.set(sink);
        reads.clear();
        readAt.clear();
        loadRequest = camelContext.getEndpoint("mock:request-events-load", MockEndpoint.class);
        readEvents = camelContext.getEndpoint("mock:request-events-read", MockEndpoint.class);
        loadRequest.whenAnyExchangeReceived(exchange -> exchange.getMessage()
                .setBody(List.of(Map.of("status", "QUEUED"))));
        readEvents.whenAnyExchangeReceived(exchange -> {
            readAt.add(System.nanoTime());
            List<Map<String, Object>> rows = reads.size() > 1 ? reads.poll() : reads.peek();
            exchange.getMessage().setBody(rows);
        });
    }

    private Exchange stream(Map<String, Object> extraHeaders) {
        Map<String, Object> headers = new HashMap<>(extraHeaders);
        headers.putIfAbsent(KioskHeaders.API_KEY, DEMO_KEY);
        headers.put(KioskHeaders.REQUEST_ID, REQUEST_ID);
        headers.put(Exchange.HTTP_URI, "/api/v1/requests/" + REQUEST_ID + "/events");
        return call(template, RequestEventRoutes.ENDPOINT, null, headers);
    }

    /** A row of EVENTS_AFTER of a 2-shot request; {@code eventId} null for the row without an event. */
    private static Map<String, Object> row(String requestStatus, Long eventId, String type, Integer shot,
            String status) {
        Map<String, Object> row = new HashMap<>();
        row.put("request_status", requestStatus);
        row.put("shots", 2);
        row.put("event_id", eventId);
        row.put("type", type);
        row.put("shot", shot);
        row.put("status", status);
        row.put("error", null);
        return row;
    }

    private static List<Map<String, Object>> noNewEvent(String requestStatus) {
        return List.of(row(requestStatus, null, null, null, null));
    }

    @Test
    void streamsTheStoredEventsOfAFinishedRequestInOrderAndEndsAtOnce() throws Exception {
        reads.add(List.of(row("DONE", 1L, "queued", null, "QUEUED"), row("DONE", 2L, "processing", 1, "PROCESSING"),
                row("DONE", 3L, "shot-done", 1, "DONE"), row("DONE", 4L, "done", null, "DONE")));
        readEvents.expectedMessageCount(1);
        readEvents.expectedBodiesReceived(RequestEventSql.EVENTS_AFTER.strip());
        readEvents.expectedHeaderReceived(EventStreamOpener.LAST_EVENT_ID, 0L);
        readEvents.expectedHeaderReceived(KioskHeaders.VENDOR, "demo");
        readEvents.expectedHeaderReceived(KioskHeaders.REQUEST_ID, REQUEST_ID);
        loadRequest.expectedBodiesReceived(RequestEventSql.SELECT_REQUEST_OF_VENDOR.strip());

        long start = System.nanoTime();
        Exchange answer = stream(Map.of());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        MockEndpoint.assertIsSatisfied(loadRequest, readEvents);
        assertThat(sink.opened()).isTrue();
        assertThat(sink.frames()).extracting(frame -> frame.lines().limit(2).toList()).containsExactly(
                List.of("id: 1", "event: queued"), List.of("id: 2", "event: processing"),
                List.of("id: 3", "event: shot-done"), List.of("id: 4", "event: done"));
        assertThat(sink.frames().getLast()).isEqualTo("id: 4\nevent: done\ndata: {\"requestId\":\"" + REQUEST_ID
                + "\",\"shots\":2,\"status\":\"DONE\",\"refundEligible\":false}\n\n");
        assertThat(answer.getMessage().getBody()).as("nothing left for the web binding to write").isNull();
        assertThat(answer.getMessage().getHeaders()).isEmpty();
        assertThat(requestEventSignals.size()).isZero();
    }

    @Test
    void resumesAfterTheLastEventIdOfAReconnectingKiosk() throws Exception {
        reads.add(List.of(row("DONE", 8L, "done", null, "DONE")));
        readEvents.expectedMessageCount(1);
        readEvents.expectedHeaderReceived(EventStreamOpener.LAST_EVENT_ID, 7L);

        stream(Map.of(EventStreamOpener.RESUME_HEADER, "7"));

        readEvents.assertIsSatisfied();
        assertThat(sink.frames()).hasSize(1);
    }

    @Test
    void sendsNewEventsAsSoonAsTheRequestIsSignalled() throws Exception {
        reads.add(List.of(row("QUEUED", 1L, "queued", null, "QUEUED")));
        reads.add(List.of(row("DONE", 2L, "done", null, "DONE")));

        CompletableFuture<Exchange> answer = CompletableFuture.supplyAsync(() -> stream(Map.of()));
        while (readAt.isEmpty() || requestEventSignals.size() == 0) {
            Thread.onSpinWait();
        }
        Thread.sleep(100);
        long signalledAt = System.nanoTime();
        requestEventSignals.signal(REQUEST_ID);
        answer.get(5, TimeUnit.SECONDS);

        assertThat(readAt).hasSize(2);
        assertThat(Duration.ofNanos(readAt.get(1) - signalledAt)).as("read again at once, not after the recheck")
                .isLessThan(Duration.ofMillis(500));
        assertThat(sink.frames()).hasSize(2);
    }

    @Test
    void readsAgainAfterTheRecheckIntervalForEventsThatNoSignalAnnounces() throws Exception {
        reads.add(noNewEvent("QUEUED"));
        reads.add(List.of(row("QUEUED", 1L, "queued", null, "QUEUED"), row("DONE", 2L, "done", null, "DONE")));

        stream(Map.of());

        assertThat(readAt).hasSize(2);
        Duration recheck = RequestEventConfiguration.RECHECK;
        assertThat(Duration.ofNanos(readAt.get(1) - readAt.get(0)))
                .isBetween(recheck.minusMillis(100), recheck.plusMillis(400));
        assertThat(sink.frames()).hasSize(2);
    }

    @Test
    void endsTheStreamOfARequestThatIsNotFinishedWhenItsTimeIsUp() throws Exception {
        reads.add(noNewEvent("QUEUED"));

        long start = System.nanoTime();
        Exchange answer = stream(Map.of());

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(1400), Duration.ofMillis(3000));
        assertThat(readAt).hasSizeBetween(2, 3);
        assertThat(sink.frames()).isEmpty();
        assertThat(answer.getMessage().getBody()).isNull();
        assertThat(requestEventSignals.size()).isZero();
    }

    @Test
    void endsQuietlyWhenTheKioskHasGone() throws Exception {
        sink.leave();
        reads.add(List.of(row("QUEUED", 1L, "queued", null, "QUEUED")));

        Exchange answer = stream(Map.of());

        assertThat(readAt).hasSize(1);
        assertThat(answer.getMessage().getBody()).isNull();
        assertThat(answer.getMessage().getHeaders()).isEmpty();
    }

    @Test
    void endsTheOpenStreamWithoutWritingAProblemWhenTheDatabaseFails() throws Exception {
        readEvents.whenAnyExchangeReceived(exchange -> {
            throw new SQLException("the database is gone");
        });

        Exchange answer = stream(Map.of());

        assertThat(sink.opened()).isTrue();
        assertThat(sink.frames()).isEmpty();
        assertThat(answer.getMessage().getBody()).as("no problem document after the stream's 200").isNull();
        assertThat(answer.getMessage().getHeaders()).isEmpty();
        assertThat(requestEventSignals.size()).isZero();
    }

    @Test
    void refusesAnUnknownOrAnotherVendorsRequestLikeTheStatusEndpointBeforeOpeningTheStream() throws Exception {
        loadRequest.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of()));
        readEvents.expectedMessageCount(0);

        Exchange answer = stream(Map.of());

        assertThat(status(answer)).isEqualTo(404);
        assertThat(contentType(answer)).isEqualTo("application/problem+json");
        assertThat(json(answer).path("type").asText()).isEqualTo("urn:photobooth:problem:unknown-request");
        assertThat(json(answer).path("instance").asText()).isEqualTo("/api/v1/requests/" + REQUEST_ID + "/events");
        assertThat(sink.opened()).isFalse();
        readEvents.assertIsSatisfied();
        assertThat(requestEventSignals.size()).isZero();
    }

    @Test
    void refusesACallWithoutAKeyBeforeAnySql() throws Exception {
        loadRequest.expectedMessageCount(0);

        Exchange answer = call(template, RequestEventRoutes.ENDPOINT, null,
                Map.of(KioskHeaders.REQUEST_ID, REQUEST_ID));

        assertThat(status(answer)).isEqualTo(401);
        assertThat(json(answer).path("type").asText()).isEqualTo("urn:photobooth:problem:unauthorized");
        loadRequest.assertIsSatisfied();
        assertThat(sink.opened()).isFalse();
    }
}
