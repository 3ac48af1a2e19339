package io.photobooth.fleet;

import java.time.Instant;
import java.util.List;

/**
 * A change the watch makes to a generator group: from the state and version it read to a new
 * state, and the instances to start or to stop once the change is recorded.
 * {@code requireNoNewActivity} makes the change depend on the last activity still being the one
 * read ({@code lastActivityAt}): a group is only let go to {@code STOPPED}, or stopped again,
 * while nobody is waiting for it.
 */
public record GroupTransition(
        String group,
        GeneratorState from,
        long version,
        Instant lastActivityAt,
        GeneratorState to,
        List<String> start,
        List<String> stop,
        boolean requireNoNewActivity) {

    public GroupTransition {
        start = List.copyOf(start);
        stop = List.copyOf(stop);
    }
}
