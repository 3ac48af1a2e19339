package io.photobooth.callback;

import static io.photobooth.contract.RowValues.instant;
import static io.photobooth.contract.RowValues.reason;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.photobooth.contract.Json;
import io.photobooth.contract.RefundReason;
import io.photobooth.contract.ShotStatus;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns the rows of a delivery's event, request and shots (one row per shot, as route
 * {@code callback-delivery} selects them) into the callback's body: the {@link CallbackEvent} as
 * JSON bytes, the exact bytes that are signed and sent. No rows means the delivery is gone (its
 * request was deleted): an {@link IllegalStateException}, so nothing is sent.
 */
public class CallbackEvents implements Processor {

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = in.getBody(List.class);
        if (rows == null || rows.isEmpty()) {
            throw new IllegalStateException("callback delivery " + in.getHeader(CallbackHeaders.DELIVERY_ID)
                    + " no longer exists");
        }
        in.setBody(Json.mapper().writeValueAsBytes(event(rows)));
    }

    static CallbackEvent event(List<Map<String, Object>> rows) {
        Map<String, Object> first = rows.getFirst();
        List<CallbackEvent.Shot> shots = rows.stream().map(row -> new CallbackEvent.Shot(
                ((Number) row.get("shot")).intValue(), ShotStatus.valueOf((String) row.get("shot_status")),
                reason(row.get("reason")), (String) row.get("error"))).toList();
        RefundReason refundReason = reason(first.get("refund_reason"));
        return new CallbackEvent(((Number) first.get("event_id")).longValue(), CallbackRows.type(first.get("type")),
                instant(first.get("occurred_at")), (String) first.get("request_id"), (String) first.get("vendor"),
                (String) first.get("concept"), ShotStatus.valueOf((String) first.get("status")),
                ((Number) first.get("shots")).intValue(), refundReason != null, refundReason,
                instant(first.get("deadline_at")), instant(first.get("finished_at")), shots);
    }
}
