package io.photobooth.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.photobooth.contract.RefundReason;

/**
 * The {@code data:} of a shot-level event: {@code processing} ({@code status} {@code PROCESSING})
 * or {@code shot-done} ({@code status} {@code DONE}, {@code FAILED} or {@code EXPIRED}, with the
 * reason in words in {@code error} and as a {@link RefundReason} in {@code reason} when one was
 * recorded; left out otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShotProgress(String requestId, int shot, int shots, String status, String error, RefundReason reason) {
}
