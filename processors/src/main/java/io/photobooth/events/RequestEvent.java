package io.photobooth.events;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.photobooth.contract.Json;
import io.photobooth.contract.RefundReason;
import io.photobooth.contract.RowValues;

/**
 * One stored progress event of a request, as the event stream sends it: {@code id} is the
 * {@code event_id} of {@code request_event} (increasing, the SSE {@code id:} a client resumes
 * from), and {@code data} is a {@link RequestProgress} or {@link ShotProgress}.
 */
public record RequestEvent(long id, RequestEventType type, Object data) {

    /**
     * The event of a row selected by the event stream: {@code event_id}, {@code type}, {@code shot},
     * {@code status}, {@code error}, {@code reason}, and the request's {@code shots}.
     */
    public static RequestEvent of(String requestId, Map<String, Object> row) {
        RequestEventType type = RequestEventType.ofEventName((String) row.get("type"));
        int shots = ((Number) row.get("shots")).intValue();
        String status = (String) row.get("status");
        RefundReason reason = RowValues.reason(row.get("reason"));
        Object data;
        if (type.ofShot()) {
            data = new ShotProgress(requestId, ((Number) row.get("shot")).intValue(), shots, status,
                    (String) row.get("error"), reason);
        } else if (type == RequestEventType.QUEUED) {
            data = RequestProgress.queued(requestId, shots);
        } else {
            data = RequestProgress.finished(requestId, shots, status, reason);
        }
        return new RequestEvent(((Number) row.get("event_id")).longValue(), type, data);
    }

    /** The event as one text/event-stream frame, its data as one line of JSON. */
    public String frame() throws JsonProcessingException {
        return SseFrames.event(id, type.eventName(), Json.mapper().writeValueAsString(data));
    }
}
