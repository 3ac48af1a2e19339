package io.photobooth.callback;

import static io.photobooth.contract.RowValues.instant;
import static io.photobooth.callback.CallbackRows.integer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.RequestAnswerer;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The answer of {@code GET /api/v1/requests/{requestId}/callbacks}: the request's callback
 * deliveries and every attempt of each, from rows of the request left-joined with its deliveries
 * and their attempts (one row per attempt; a delivery without attempts, or a request without
 * deliveries, gives one row with nulls). No rows means no such request for this vendor:
 * {@code unknown-request}.
 */
public class CallbackLog implements Processor {

    /** A request's callback deliveries. */
    public record Deliveries(String requestId, List<Delivery> deliveries) {
    }

    /**
     * A delivery of one event: its status, its attempts so far, when it is attempted next (while
     * PENDING), when it was delivered, and the log of its attempts.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(long eventId, String type, DeliveryStatus status, int attempts, Instant nextAttemptAt,
            Instant deliveredAt, List<Attempt> attemptLog) {
    }

    /** One attempt: when, the HTTP status the receiver answered or why it did not, and how long it took. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(int attempt, Instant attemptedAt, Integer statusCode, String error, long durationMs) {
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = in.getBody(List.class);
        String requestId = in.getHeader(KioskHeaders.REQUEST_ID, String.class);
        if (rows == null || rows.isEmpty()) {
            throw RequestAnswerer.unknownRequest(requestId);
        }
        in.setBody(deliveries(requestId, rows));
    }

    static Deliveries deliveries(String requestId, List<Map<String, Object>> rows) {
        Map<Long, Map<String, Object>> byEvent = new LinkedHashMap<>();
        Map<Long, List<Attempt>> attempts = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            if (row.get("event_id") == null) {
                continue;
            }
            long eventId = ((Number) row.get("event_id")).longValue();
            byEvent.putIfAbsent(eventId, row);
            List<Attempt> log = attempts.computeIfAbsent(eventId, id -> new ArrayList<>());
            if (row.get("attempt") != null) {
                log.add(new Attempt(((Number) row.get("attempt")).intValue(), instant(row.get("attempted_at")),
                        integer(row.get("status_code")), (String) row.get("error"),
                        ((Number) row.get("duration_ms")).longValue()));
            }
        }
        List<Delivery> deliveries = byEvent.entrySet().stream().map(entry -> {
            Map<String, Object> row = entry.getValue();
            DeliveryStatus status = DeliveryStatus.valueOf((String) row.get("delivery_status"));
            return new Delivery(entry.getKey(), CallbackRows.type(row.get("type")), status,
                    ((Number) row.get("attempts")).intValue(),
                    status == DeliveryStatus.PENDING ? instant(row.get("next_attempt_at")) : null,
                    instant(row.get("delivered_at")), List.copyOf(attempts.get(entry.getKey())));
        }).toList();
        return new Deliveries(requestId, deliveries);
    }
}
