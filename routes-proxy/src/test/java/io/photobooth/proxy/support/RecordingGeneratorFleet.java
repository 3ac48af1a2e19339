package io.photobooth.proxy.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.photobooth.fleet.GeneratorFleet;
import io.photobooth.fleet.GeneratorState;

/**
 * A {@link GeneratorFleet} that starts nothing: it records the concepts it was asked to start and,
 * when told to, fails every start the way an unreachable EC2 API would.
 */
public class RecordingGeneratorFleet implements GeneratorFleet {

    private final List<String> started = new CopyOnWriteArrayList<>();
    private final AtomicReference<RuntimeException> startFailure = new AtomicReference<>();

    @Override
    public GeneratorState start(String concept) {
        started.add(concept);
        RuntimeException failure = startFailure.get();
        if (failure != null) {
            throw failure;
        }
        return GeneratorState.STARTING;
    }

    @Override
    public GeneratorState stop(String concept) {
        return GeneratorState.STOPPING;
    }

    @Override
    public GeneratorState state(String concept) {
        return GeneratorState.STOPPED;
    }

    /** The concepts {@link #start} was called with, in call order. */
    public List<String> started() {
        return List.copyOf(started);
    }

    /** Makes every following {@link #start} throw {@code failure}; {@code null} lets them succeed again. */
    public void failStartsWith(RuntimeException failure) {
        startFailure.set(failure);
    }

    public void reset() {
        started.clear();
        startFailure.set(null);
    }
}
