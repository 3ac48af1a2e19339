package io.photobooth.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code data:} of a shot-level event: {@code processing} ({@code status} {@code PROCESSING})
 * or {@code shot-done} ({@code status} {@code DONE} or {@code FAILED}, with the reason in
 * {@code error} when one was recorded; left out otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShotProgress(String requestId, int shot, int shots, String status, String error) {
}
