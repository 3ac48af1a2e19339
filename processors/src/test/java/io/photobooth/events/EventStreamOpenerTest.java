package io.photobooth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.ProblemType;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventStreamOpenerTest {

    static final String ID = RequestEventTest.ID;

    final RequestEventSignals signals = new RequestEventSignals();
    final RecordingEventSink sink = new RecordingEventSink();

    /** An exchange as the route has it after loading the caller's request (rows) or not (none). */
    Exchange loaded(List<Map<String, Object>> rows, String lastEventId) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.setProperty(EventSink.PROPERTY, sink);
        exchange.getMessage().setHeader(KioskHeaders.REQUEST_ID, ID);
        exchange.getMessage().setHeader(EventStreamOpener.RESUME_HEADER, lastEventId);
        exchange.getMessage().setBody(rows);
        return exchange;
    }

    /** An exchange whose stream {@link EventStreamOpener} opened, for the tests of the steps that follow. */
    static Exchange opened(RecordingEventSink sink, RequestEventSignals signals, Duration timeout) throws Exception {
        Exchange exchange = TestCatalogue.exchange();
        exchange.setProperty(EventSink.PROPERTY, sink);
        exchange.getMessage().setHeader(KioskHeaders.REQUEST_ID, ID);
        exchange.getMessage().setBody(List.of(Map.of("status", "QUEUED")));
        new EventStreamOpener(signals, timeout).process(exchange);
        return exchange;
    }

    @Test
    void shouldRefuseARequestThatIsNotTheCallersLikeTheStatusEndpointWithoutOpeningTheStream() {
        Exchange exchange = loaded(List.of(), null);

        assertThatThrownBy(() -> new EventStreamOpener(signals, Duration.ofMinutes(2)).process(exchange))
                .isInstanceOfSatisfying(ApiProblem.class,
                        problem -> assertThat(problem.type()).isEqualTo(ProblemType.UNKNOWN_REQUEST))
                .hasMessage("There is no request '" + ID + "'.");
        assertThat(sink.opened()).isFalse();
        assertThat(signals.size()).isZero();
    }

    @Test
    void shouldOpenTheStreamFromTheFirstEventAndListenForTheRequest() throws Exception {
        Exchange exchange = loaded(List.of(Map.of("status", "PRE_REQUESTED")), null);

        new EventStreamOpener(signals, Duration.ofMinutes(2)).process(exchange);

        assertThat(sink.opened()).isTrue();
        assertThat(exchange.getMessage().getHeader(EventStreamOpener.LAST_EVENT_ID)).isEqualTo(0L);
        assertThat(EventStream.isOpen(exchange)).isTrue();
        assertThat(EventStream.of(exchange).requestId()).isEqualTo(ID);
        assertThat(signals.size()).isEqualTo(1);
    }

    @Test
    void shouldResumeAfterTheLastEventIdOfAReconnectingClient() throws Exception {
        Exchange exchange = loaded(List.of(Map.of("status", "QUEUED")), " 42 ");

        new EventStreamOpener(signals, Duration.ofMinutes(2)).process(exchange);

        assertThat(exchange.getMessage().getHeader(EventStreamOpener.LAST_EVENT_ID)).isEqualTo(42L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1", "1e3", "12345678901234567890"})
    void shouldStartFromTheFirstEventForALastEventIdThatIsNoEventId(String lastEventId) throws Exception {
        Exchange exchange = loaded(List.of(Map.of("status", "QUEUED")), lastEventId);

        new EventStreamOpener(signals, Duration.ofMinutes(2)).process(exchange);

        assertThat(exchange.getMessage().getHeader(EventStreamOpener.LAST_EVENT_ID)).isEqualTo(0L);
    }
}
