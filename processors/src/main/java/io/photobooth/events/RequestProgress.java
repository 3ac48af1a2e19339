package io.photobooth.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.photobooth.contract.RefundReason;

/**
 * The {@code data:} of a request-level event ({@code queued}, {@code done}, {@code failed},
 * {@code expired}): {@code status} is the request's status that the event reports. A final event
 * also says whether the request is refund-eligible, and why ({@code refundReason}, left out when
 * it is not).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestProgress(String requestId, int shots, String status, Boolean refundEligible,
        RefundReason refundReason) {

    /** The event of the request's claim: not final, so nothing to say about a refund. */
    public static RequestProgress queued(String requestId, int shots) {
        return new RequestProgress(requestId, shots, "QUEUED", null, null);
    }

    /** A final event, refund-eligible when it carries a reason. */
    public static RequestProgress finished(String requestId, int shots, String status, RefundReason reason) {
        return new RequestProgress(requestId, shots, status, reason != null, reason);
    }
}
