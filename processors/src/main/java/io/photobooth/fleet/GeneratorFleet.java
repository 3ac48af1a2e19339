package io.photobooth.fleet;

/**
 * Starts and stops the generators of a concept. The {@code local} profile's implementation runs
 * them as suspended routes in the same JVM; the {@code aws} profile's starts EC2 instances.
 */
public interface GeneratorFleet {

    /** Starts the concept's generators if they are stopped; returns at once with the new state. */
    GeneratorState start(String concept);

    /** Stops the concept's generators; returns at once with the new state. */
    GeneratorState stop(String concept);

    GeneratorState state(String concept);
}
