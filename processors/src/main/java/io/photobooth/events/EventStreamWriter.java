package io.photobooth.events;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.photobooth.contract.ShotStatus;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Sends the events just read (the body: rows of the request's status and shots, each with one
 * stored event after the last one sent, or one row without an event when there is none) in id order,
 * one frame each. Closes the stream once the request is finished and every event up to its end has
 * been sent: the read saw the request's status and its events in one snapshot, and an event is
 * stored in the same statement as the status change it reports. No row means the request is gone.
 */
public class EventStreamWriter implements Processor {

    private static final Set<String> FINISHED =
            Set.of(ShotStatus.DONE.name(), ShotStatus.FAILED.name(), ShotStatus.EXPIRED.name());

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        EventStream stream = EventStream.of(exchange);
        Message in = exchange.getMessage();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = in.getBody(List.class);
        for (Map<String, Object> row : rows) {
            if (row.get("event_id") != null) {
                stream.send(RequestEvent.of(stream.requestId(), row));
            }
        }
        if (rows.isEmpty() || FINISHED.contains((String) rows.getFirst().get("request_status"))) {
            stream.close();
        }
        in.setHeader(EventStreamOpener.LAST_EVENT_ID, stream.lastEventId());
    }
}
