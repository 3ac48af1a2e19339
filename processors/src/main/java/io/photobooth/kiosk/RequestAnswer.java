package io.photobooth.kiosk;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.photobooth.contract.PhotoFormat;
import io.photobooth.contract.RefundReason;
import io.photobooth.contract.ShotStatus;

/**
 * A request as stored: the answer of the status endpoint and of a finished main request. Its
 * deadline runs {@code deadlineSeconds} from the main request ({@code deadlineAt}, once queued).
 * {@code refundEligible} says whether the vendor may refund the customer, and {@code refundReason}
 * why: set once the request ended FAILED or EXPIRED, or DONE after its deadline.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestAnswer(
        String requestId,
        String concept,
        int shots,
        String contentType,
        ShotStatus status,
        Instant createdAt,
        Instant finishedAt,
        int deadlineSeconds,
        Instant deadlineAt,
        boolean refundEligible,
        RefundReason refundReason,
        List<ShotResult> results,
        String statusUrl) {

    /** The format of the request's uploads. */
    public PhotoFormat format() {
        return PhotoFormat.ofContentType(contentType).orElseThrow();
    }

    public boolean finished() {
        return status == ShotStatus.DONE || status == ShotStatus.FAILED || status == ShotStatus.EXPIRED;
    }
}
