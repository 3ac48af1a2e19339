package io.photobooth.completion;

import java.time.Instant;

import io.photobooth.contract.ShotStatus;

/**
 * What a generator left in S3 for one shot: its result ({@code DONE}) or its failure record
 * ({@code FAILED}), with the object's key and when it was stored.
 */
public record StoredOutcome(int shot, ShotStatus status, String key, Instant storedAt) {

    public boolean failed() {
        return status == ShotStatus.FAILED;
    }
}
