package io.photobooth.kiosk;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.photobooth.contract.ShotStatus;

/** One shot of a request: its status and, once done, a presigned GET of the result. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShotResult(int shot, ShotStatus status, String url, Instant expiresAt, String error) {
}
