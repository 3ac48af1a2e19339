package io.photobooth.fleet;

/** Exchange headers of the fleet routes; camel-jdbc reads the SQL parameters of the fleet from them. */
public final class FleetHeaders {

    /** The key of a generator group: its concept, or {@code concept@vendor} for dedicated instances. */
    public static final String GROUP = "generatorGroup";
    /** The group's state as a kiosk is told it. */
    public static final String STATE = "generatorState";
    /** True on the one warm-up that moved a stopped group to starting: it makes the start call. */
    public static final String START_CLAIMED = "generatorStartClaimed";
    /** The vendors whose queues the group serves, comma-separated (an SQL parameter). */
    public static final String VENDORS = "generatorVendors";
    /** ISO-8601 durations (SQL interval parameters). */
    public static final String IDLE_TIMEOUT = "generatorIdleTimeout";
    public static final String BOOT_GRACE = "generatorBootGrace";
    /** Jobs waiting or in flight on the group's queues. */
    public static final String PENDING_JOBS = "generatorPendingJobs";

    private FleetHeaders() {
    }
}
