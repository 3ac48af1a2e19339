package io.photobooth.kiosk;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.photobooth.contract.RefundReason;
import io.photobooth.contract.ShotStatus;

/**
 * One shot of a request: its status and, once done, a presigned GET of the result; if it ended
 * FAILED or EXPIRED, why, in words ({@code error}) and as a code ({@code reason}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShotResult(int shot, ShotStatus status, String url, Instant expiresAt, String error,
        RefundReason reason) {
}
