package io.photobooth.audit;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.photobooth.contract.RefundReason;

/**
 * The answer of {@code GET /api/v1/requests/{requestId}/audit}: every state change of the request
 * and of its shots, oldest first, with when it was made and by which component.
 */
public record AuditTrail(String requestId, List<Change> changes) {

    /**
     * One change: the request's ({@code shot} left out) or a shot's new {@code status}
     * ({@code PROCESSING}: a generator started the shot), why when it is not the one paid for, and
     * who made it: {@code proxy:{proxy-id}} or {@code generator:{instance-id}}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(Instant at, Integer shot, String status, RefundReason reason, String actor) {
    }
}
