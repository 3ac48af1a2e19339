package io.photobooth.fleet;

/** The recorded state of each generator group, shared by every proxy. */
public interface GeneratorStates {

    GeneratorState state(String groupKey);
}
