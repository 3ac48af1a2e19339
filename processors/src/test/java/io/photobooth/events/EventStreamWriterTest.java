package io.photobooth.events;

import static io.photobooth.events.RequestEventTest.ID;
import static io.photobooth.events.RequestEventTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventStreamWriterTest {

    final RequestEventSignals signals = new RequestEventSignals();
    final RecordingEventSink sink = new RecordingEventSink();
    Exchange exchange;

    @BeforeEach
    void open() throws Exception {
        exchange = EventStreamOpenerTest.opened(sink, signals, Duration.ofMinutes(2));
    }

    private void write(List<Map<String, Object>> rows) throws Exception {
        exchange.getMessage().setBody(rows);
        new EventStreamWriter().process(exchange);
    }

    private static Map<String, Object> finished(Map<String, Object> row, String requestStatus) {
        Map<String, Object> copy = new HashMap<>(row);
        copy.put("request_status", requestStatus);
        return copy;
    }

    @Test
    void shouldSendTheEventsInOrderAndReadOnAfterTheLastWhileTheRequestIsQueued() throws Exception {
        write(List.of(row(3, "queued", null, "QUEUED", null), row(5, "processing", 1, "PROCESSING", null)));

        assertThat(sink.frames()).containsExactly(
                RequestEvent.of(ID, row(3, "queued", null, "QUEUED", null)).frame(),
                RequestEvent.of(ID, row(5, "processing", 1, "PROCESSING", null)).frame());
        assertThat(exchange.getMessage().getHeader(EventStreamOpener.LAST_EVENT_ID)).isEqualTo(5L);
        assertThat(EventStream.isOpen(exchange)).isTrue();
    }

    @Test
    void shouldSendNothingAndStayOpenWhenNoNewEventIsStored() throws Exception {
        Map<String, Object> noEvent = row(0, null, null, null, null);
        noEvent.put("event_id", null);

        write(List.of(noEvent));

        assertThat(sink.frames()).isEmpty();
        assertThat(exchange.getMessage().getHeader(EventStreamOpener.LAST_EVENT_ID)).isEqualTo(0L);
        assertThat(EventStream.isOpen(exchange)).isTrue();
    }

    @Test
    void shouldEndTheStreamAfterTheLastEventOfAFinishedRequest() throws Exception {
        write(List.of(finished(row(8, "shot-done", 2, "DONE", null), "DONE"),
                finished(row(9, "done", null, "DONE", null), "DONE")));

        assertThat(sink.frames()).hasSize(2);
        assertThat(sink.frames().getLast()).startsWith("id: 9\nevent: done\n");
        assertThat(EventStream.isOpen(exchange)).isFalse();
        assertThat(signals.size()).as("no longer listening").isZero();
    }

    @Test
    void shouldEndTheStreamOfARequestThatExpiredWithoutAnEvent() throws Exception {
        Map<String, Object> noEvent = finished(row(0, null, null, null, null), "EXPIRED");
        noEvent.put("event_id", null);

        write(List.of(noEvent));

        assertThat(sink.frames()).isEmpty();
        assertThat(EventStream.isOpen(exchange)).isFalse();
    }

    @Test
    void shouldEndTheStreamWhenTheRequestIsGone() throws Exception {
        write(List.of());

        assertThat(EventStream.isOpen(exchange)).isFalse();
    }

    @Test
    void shouldEndTheStreamQuietlyWhenTheKioskHasGone() throws Exception {
        sink.leave();

        write(List.of(row(3, "queued", null, "QUEUED", null), row(5, "processing", 1, "PROCESSING", null)));

        assertThat(EventStream.isOpen(exchange)).isFalse();
        assertThat(exchange.getMessage().getHeader(EventStreamOpener.LAST_EVENT_ID)).isEqualTo(0L);
    }

    @Test
    void shouldLeaveNothingForTheWebBindingToWriteWhenTheStreamEnds() throws Exception {
        exchange.getMessage().setHeader("vendor", "demo");
        exchange.getMessage().setBody(List.of());

        new EventStreamEnd().process(exchange);

        assertThat(exchange.getMessage().getBody()).isNull();
        assertThat(exchange.getMessage().getHeaders()).isEmpty();
        assertThat(EventStream.isOpen(exchange)).isFalse();
        assertThat(signals.size()).isZero();
    }
}
