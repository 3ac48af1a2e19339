package io.photobooth.fleet;

/** What the proxy knows of a concept's generators. */
public enum GeneratorState {
    STOPPED,
    STARTING,
    RUNNING,
    STOPPING
}
