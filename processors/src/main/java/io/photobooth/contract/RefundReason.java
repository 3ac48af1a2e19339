package io.photobooth.contract;

/**
 * Why a shot or a request did not end as the customer paid for: stored with a FAILED or EXPIRED
 * shot, and on a request that ends FAILED or EXPIRED, or DONE after its deadline, which makes the
 * request refund-eligible (docs/vendors.md).
 */
public enum RefundReason {
    /** The generator could not convert the shot: every attempt failed, or it never reported. */
    GENERATOR_FAILED,
    /** The upload is not a usable photo (not an image of its format, damaged, too large). */
    INPUT_REJECTED,
    /** The deadline passed: before a generator took the shot, or before the request was done. */
    DEADLINE_MISSED,
    /** The kiosk never submitted the request (no main request, or no uploads) before it expired. */
    NOT_SUBMITTED
}
