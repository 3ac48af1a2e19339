package io.photobooth.callback;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.photobooth.contract.RefundReason;
import io.photobooth.contract.ShotStatus;

/**
 * The body of a vendor callback: a request's final outcome ({@code request.done},
 * {@code request.failed} or {@code request.expired}), as stored. {@code eventId} is the stored
 * event's id, the receiver's de-duplication key; {@code occurredAt} is when the request finished.
 * A finished request never changes, so every attempt of a delivery sends the same body. It carries
 * no result URL: the vendor's back office asks {@code GET /api/v1/requests/{requestId}} for those.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallbackEvent(
        long eventId,
        String type,
        Instant occurredAt,
        String requestId,
        String vendor,
        String concept,
        ShotStatus status,
        int shots,
        boolean refundEligible,
        RefundReason refundReason,
        Instant deadlineAt,
        Instant finishedAt,
        List<Shot> results) {

    public static final String TYPE_PREFIX = "request.";

    public CallbackEvent {
        results = List.copyOf(results);
    }

    /** One shot of the request: its final status and, unless DONE, why (as a code, and in words). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shot(int shot, ShotStatus status, RefundReason reason, String error) {
    }
}
