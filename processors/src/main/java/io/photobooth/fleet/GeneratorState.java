package io.photobooth.fleet;

/**
 * What the proxies know of a generator group, shared through the database: {@code STOPPED} (no
 * instance running), {@code STARTING} (a start was asked for and no instance serves yet),
 * {@code READY} (an instance runs and its generator announces itself), {@code STOPPING} (the
 * idle stop was asked for and the instances are not all stopped yet).
 */
public enum GeneratorState {
    STOPPED,
    STARTING,
    READY,
    STOPPING;

    /** What a kiosk is told after its pre-request: a group that is not ready is being started for it. */
    public GeneratorState afterWarmUp() {
        return this == READY ? READY : STARTING;
    }
}
