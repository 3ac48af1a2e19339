package io.photobooth.contract;

import java.time.Instant;

/**
 * The SQS message of one shot to convert, on queue {@code {env}-{vendor}-{concept}}. A job delivered
 * twice names the same output key, so converting it again overwrites the same object.
 */
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
        Instant enqueuedAt) {

    public static final int VERSION = 1;
}
