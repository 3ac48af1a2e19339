package io.photobooth.contract;

import java.time.Instant;
import java.util.List;

/**
 * Written by a running generator under {@code photobooth:{env}:generator:{instanceId}} every
 * heartbeat interval, expiring after three: the proxies count an instance as serving while its
 * heartbeat is there. It names the concepts whose queues the instance consumes.
 */
public record GeneratorHeartbeat(int version, String instanceId, List<String> concepts, Instant beatAt) {

    public static final int VERSION = 1;

    public GeneratorHeartbeat {
        concepts = List.copyOf(concepts);
    }
}
