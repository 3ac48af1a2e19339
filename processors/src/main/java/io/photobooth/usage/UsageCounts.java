package io.photobooth.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a vendor's requests of one day and concept (or of the whole range) came to: the requests
 * and their paid shots, the shots converted, the requests by outcome ({@code pending}: not yet
 * DONE, FAILED or EXPIRED), the GPU seconds the model spent on them (as the generators measured
 * it, to the millisecond), and the refund-eligible requests (those with a refund reason).
 * {@link #refundEligibleShare()} is the refund-eligible requests over the finished ones
 * ({@code done + failed + expired}), to 4 decimals, rounded half up; 0 while none is finished.
 */
@JsonPropertyOrder({"requests", "shots", "convertedShots", "done", "failed", "expired", "pending", "gpuSeconds",
    "refundEligible", "refundEligibleShare"})
public record UsageCounts(long requests, long shots, long convertedShots, long done, long failed, long expired,
        long pending, BigDecimal gpuSeconds, long refundEligible) {

    /** The scale of {@link #refundEligibleShare()}. */
    public static final int SHARE_SCALE = 4;

    public static final UsageCounts NONE = new UsageCounts(0, 0, 0, 0, 0, 0, 0, BigDecimal.valueOf(0, 3), 0);

    /** The requests that reached a final status: DONE, FAILED or EXPIRED. */
    public long finished() {
        return done + failed + expired;
    }

    @JsonProperty
    public BigDecimal refundEligibleShare() {
        if (finished() == 0) {
            return BigDecimal.valueOf(0, SHARE_SCALE);
        }
        return BigDecimal.valueOf(refundEligible).divide(BigDecimal.valueOf(finished()), SHARE_SCALE,
                RoundingMode.HALF_UP);
    }

    /** These counts and the other's together (the share recomputed from the sums). */
    public UsageCounts plus(UsageCounts other) {
        return new UsageCounts(requests + other.requests, shots + other.shots, convertedShots + other.convertedShots,
                done + other.done, failed + other.failed, expired + other.expired, pending + other.pending,
                gpuSeconds.add(other.gpuSeconds), refundEligible + other.refundEligible);
    }
}
