package io.photobooth.contract;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The SQS message of one shot to convert, on queue {@code {env}-{vendor}-{concept}}. A job delivered
 * twice names the same output key, so converting it again overwrites the same object. Version 2
 * added {@code deadline}: a generator that receives the job after it converts nothing and reports
 * the shot {@link ConversionStatus#EXPIRED}. A generator still reads version 1 (no deadline).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversionJob(
        int version,
        String requestId,
        int shot,
        int shots,
        String env,
        String vendor,
        String concept,
        String inputKey,
        String outputKey,
        Instant enqueuedAt,
        Instant deadline) {

    public static final int VERSION = 2;

    /** Whether a generator reads this job: the current version, or version 1 (without a deadline). */
    public boolean readable() {
        return version == VERSION || (version == 1 && deadline == null);
    }

    /** Whether the deadline passed at {@code now}: the job is then not converted. */
    public boolean expiredAt(Instant now) {
        return deadline != null && now.isAfter(deadline);
    }
}
