package io.photobooth.proxy.fleet;

/**
 * The SQL of the generator fleet's shared state ({@code generator_group}), run through camel-jdbc
 * with the exchange headers as named parameters. Every proxy runs the same routes; these
 * statements make them agree. Times are {@code clock_timestamp()}: taken when the row is written,
 * after any lock wait, so that an activity recorded after a stop request is always later than it.
 */
public final class FleetSql {

    /** Adds a catalogue group the table lacks, stopped (JdbcTemplate, one parameter). */
    public static final String INSERT_GROUP = """
            insert into generator_group (group_key) values (?) on conflict (group_key) do nothing
            """;

    /** The state of one group (JdbcTemplate, one parameter). */
    public static final String SELECT_STATE = "select state from generator_group where group_key = ?";

    /** Every group, with the database's clock so that every proxy compares times on one clock. */
    public static final String SELECT_GROUPS = """
            select group_key, state, version, last_activity_at, start_requested_at, stop_requested_at,
                   clock_timestamp() as db_now
            from generator_group order by group_key
            """;

    /**
     * A warm-up: records the activity and, when the group is stopped, claims its start. The row is
     * locked first, so of concurrent warm-ups exactly one sees {@code STOPPED} (and starts the
     * instances); the others see {@code STARTING}. A group that is {@code STOPPING} stays so: the
     * activity recorded after its stop request makes the watch start it again once it is stopped.
     */
    public static final String CLAIM_START = """
            with previous as (
              select group_key, state from generator_group where group_key = :?generatorGroup for update)
            update generator_group g
            set last_activity_at = clock_timestamp(),
                state = case when p.state = 'STOPPED' then 'STARTING' else p.state end,
                start_requested_at = case when p.state = 'STOPPED' then clock_timestamp() else g.start_requested_at end,
                version = case when p.state = 'STOPPED' then g.version + 1 else g.version end,
                updated_at = clock_timestamp()
            from previous p
            where g.group_key = p.group_key
            returning p.state as previous_state, g.state
            """;

    /**
     * Records a transition the watch decided, if nobody changed the group since it was read (same
     * state and version) and, for a group let go to {@code STOPPED} or stopped again, no activity
     * arrived since. An update count of 0 means another proxy or a warm-up came first: nothing is
     * done.
     */
    public static final String RECORD_TRANSITION = """
            update generator_group
            set state = :?generatorTo, version = version + 1, updated_at = clock_timestamp(),
                start_requested_at = case when :?generatorRestart then clock_timestamp() else start_requested_at end,
                stop_requested_at = case when :?generatorRestop then clock_timestamp() else stop_requested_at end
            where group_key = :?generatorGroup and state = :?generatorFrom and version = :?generatorVersion
              and (not :?generatorQuiet or last_activity_at = :?generatorLastActivity)
            """;

    /**
     * Claims the idle stop of a group, checking again, under the row's lock, everything that makes
     * it idle: running or starting, no activity within the idle timeout, past its boot grace, and no
     * request of its vendors' concept uploaded, queued or finished within the idle timeout. A
     * warm-up that got the row first leaves a recent activity behind, so the claim then fails.
     */
    public static final String CLAIM_STOP = """
            update generator_group g
            set state = 'STOPPING', stop_requested_at = clock_timestamp(), version = version + 1,
                updated_at = clock_timestamp()
            where g.group_key = :?generatorGroup
              and g.state in ('READY', 'STARTING')
              and g.last_activity_at <= clock_timestamp() - cast(:?generatorIdleTimeout as interval)
              and (g.start_requested_at is null
                   or g.start_requested_at <= clock_timestamp() - cast(:?generatorBootGrace as interval))
              and not exists (
                select 1 from conversion_request r
                where r.concept = :?concept and r.vendor = any(string_to_array(:?generatorVendors, ','))
                  and (r.status in ('UPLOADED', 'QUEUED')
                       or r.finished_at > clock_timestamp() - cast(:?generatorIdleTimeout as interval)))
            """;

    private FleetSql() {
    }
}
