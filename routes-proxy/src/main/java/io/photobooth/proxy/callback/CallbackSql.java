package io.photobooth.proxy.callback;

/**
 * The SQL of vendor callbacks, run through camel-jdbc with the exchange headers as named parameters
 * (the start-up statements through JdbcTemplate). Deliveries are written to the outbox
 * ({@code callback_delivery}) by the statements that finish a request; these statements claim due
 * deliveries, read what they report and record each attempt. Times are the database's clock, so
 * proxies with skewed clocks agree on what is due.
 */
public final class CallbackSql {

    /** Header: the vendors this proxy has a callback for, comma-separated. */
    public static final String VENDORS = "callbackVendors";
    /** Header: the most deliveries one claim takes. */
    public static final String BATCH_SIZE = "callbackBatchSize";
    /** Header: how long, in milliseconds, a claimed delivery is left to the proxy that claimed it. */
    public static final String LEASE_MILLIS = "callbackLeaseMillis";

    /** Lists a vendor that has a callback (JdbcTemplate, one parameter). */
    public static final String INSERT_VENDOR = """
            insert into callback_vendor (vendor) values (?) on conflict (vendor) do nothing
            """;

    /** Removes the vendors that no longer have a callback (JdbcTemplate, one parameter: those that do, comma-separated). */
    public static final String DELETE_OTHER_VENDORS = """
            delete from callback_vendor where not (vendor = any(string_to_array(?, ',')))
            """;

    /**
     * Claims up to {@link #BATCH_SIZE} due deliveries of the {@link #VENDORS}, oldest due first, by
     * moving their next attempt {@link #LEASE_MILLIS} ahead: another proxy (or this one's next poll)
     * does not take them meanwhile, and a proxy that dies with them leaves them due again once the
     * lease has passed. Rows another proxy is claiming are skipped ({@code skip locked}).
     */
    public static final String CLAIM_DUE = """
            with due as (
              select delivery_id from callback_delivery
              where status = 'PENDING' and next_attempt_at <= now()
                and vendor = any(string_to_array(:?callbackVendors, ','))
              order by next_attempt_at
              limit :?callbackBatchSize
              for update skip locked)
            update callback_delivery d
            set next_attempt_at = now() + cast(:?callbackLeaseMillis as bigint) * interval '1 millisecond'
            from due
            where d.delivery_id = due.delivery_id
            returning d.delivery_id, d.event_id, d.vendor, cast(d.request_id as text) as request_id, d.attempts
            """;

    /** What a delivery reports: its event, the request as finished and its shots, one row per shot. */
    public static final String SELECT_EVENT = """
            select e.event_id, e.type, e.created_at as occurred_at, cast(r.request_id as text) as request_id,
                   r.vendor, r.concept, r.status, r.shots, r.refund_reason, r.deadline_at, r.finished_at,
                   s.shot, s.status as shot_status, s.reason, s.error
            from callback_delivery d
            join request_event e on e.event_id = d.event_id
            join conversion_request r on r.request_id = d.request_id
            join shot s on s.request_id = r.request_id
            where d.delivery_id = :?deliveryId
            order by s.shot
            """;

    /**
     * Records an attempt and its outcome, only if the delivery is still PENDING with the attempts it
     * was claimed with (a proxy whose lease ran out records nothing over another's attempt): the
     * delivery's new status, attempts and next attempt, and its {@code callback_attempt} row, dated
     * from the database's clock less the attempt's duration.
     */
    public static final String RECORD_ATTEMPT = """
            with recorded as (
              update callback_delivery
              set attempts = :?attempt, status = :?deliveryStatus,
                  delivered_at = case when :?deliveryStatus = 'DELIVERED' then now() end,
                  next_attempt_at = case when :?deliveryStatus = 'PENDING'
                                         then now() + cast(:?retryDelayMillis as bigint) * interval '1 millisecond'
                                         else next_attempt_at end
              where delivery_id = :?deliveryId and status = 'PENDING' and attempts = :?attempts
              returning delivery_id, attempts)
            insert into callback_attempt (delivery_id, attempt, attempted_at, status_code, error, duration_ms)
            select delivery_id, attempts,
                   clock_timestamp() - cast(:?attemptDurationMs as bigint) * interval '1 millisecond',
                   cast(:?attemptStatusCode as integer), cast(:?attemptError as text),
                   cast(:?attemptDurationMs as integer)
            from recorded
            """;

    /**
     * The callback deliveries of the vendor's request and their attempts, one row per attempt; one
     * row of nulls for a request without deliveries, none for another vendor's or an unknown request.
     */
    public static final String SELECT_DELIVERIES = """
            select d.event_id, e.type, d.status as delivery_status, d.attempts, d.next_attempt_at, d.delivered_at,
                   a.attempt, a.attempted_at, a.status_code, a.error, a.duration_ms
            from conversion_request r
            left join callback_delivery d on d.request_id = r.request_id
            left join request_event e on e.event_id = d.event_id
            left join callback_attempt a on a.delivery_id = d.delivery_id
            where r.request_id = cast(:?requestId as uuid) and r.vendor = :?vendor
            order by d.event_id, a.attempt
            """;

    private CallbackSql() {
    }
}
