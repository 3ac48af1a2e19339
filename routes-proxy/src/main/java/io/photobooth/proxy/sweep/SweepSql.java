package io.photobooth.proxy.sweep;

/**
 * The SQL of the timer routes that sweep the request records, run through camel-jdbc like
 * {@code RequestSql}. Ages are compared with the database's clock, so proxies with skewed clocks
 * agree. Every change is guarded by the status it leaves, so proxies that sweep at the same time
 * change each row once.
 */
public final class SweepSql {

    /** Header of the age, in milliseconds, after which a queued request is checked against S3. */
    public static final String RECONCILE_AFTER_MILLIS = "reconcileAfterMillis";
    /** Header of the age, in milliseconds, after which a request not yet queued expires. */
    public static final String REQUEST_EXPIRY_MILLIS = "requestExpiryMillis";
    /** Header of how long, in milliseconds, a shot not started may outlive its request's deadline. */
    public static final String DEADLINE_GRACE_MILLIS = "deadlineGraceMillis";

    /**
     * Requests queued at least {@link #RECONCILE_AFTER_MILLIS} ago, newest first (those a kiosk
     * most likely still waits on), at most 100 per run. Requests queued longer ago than the
     * request expiry are left alone: no kiosk waits on them and their job is in the DLQ.
     */
    public static final String QUEUED_TO_RECONCILE = """
            select cast(request_id as text) as request_id, vendor, shots
            from conversion_request
            where status = 'QUEUED'
              and queued_at < now() - cast(:?reconcileAfterMillis as bigint) * interval '1 millisecond'
              and queued_at > now() - cast(:?requestExpiryMillis as bigint) * interval '1 millisecond'
            order by queued_at desc
            limit 100
            """;

    /**
     * Expires the oldest 500 requests (and their shots) still {@code PRE_REQUESTED} or
     * {@code UPLOADED} {@link #REQUEST_EXPIRY_MILLIS} after their pre-request, with the refund reason
     * {@code NOT_SUBMITTED}, their {@code expired} event, its callback delivery and the audit row, and
     * returns the requests it expired; a backlog is worked off over several sweeps. Rows that another proxy's
     * claim or sweep holds are skipped ({@code skip locked}), and a request claimed meanwhile no
     * longer matches, so each expired request is returned to exactly one sweep.
     */
    public static final String EXPIRE_REQUESTS = """
            with due as (
              select request_id from conversion_request
              where status in ('PRE_REQUESTED', 'UPLOADED')
                and created_at < now() - cast(:?requestExpiryMillis as bigint) * interval '1 millisecond'
              order by created_at
              limit 500
              for update skip locked),
            expired as (
              update conversion_request r
              set status = 'EXPIRED', refund_reason = 'NOT_SUBMITTED', finished_at = now(), updated_at = now()
              from due
              where r.request_id = due.request_id
              returning r.request_id, r.vendor),
            expired_shots as (
              update shot set status = 'EXPIRED', reason = 'NOT_SUBMITTED'
              where request_id in (select request_id from expired) and status in ('PRE_REQUESTED', 'UPLOADED')),
            event as (
              insert into request_event (request_id, type, status, reason)
              select request_id, 'expired', 'EXPIRED', 'NOT_SUBMITTED' from expired
              returning event_id, request_id),
            delivery as (
              insert into callback_delivery (event_id, request_id, vendor)
              select event.event_id, event.request_id, expired.vendor
              from event join expired on expired.request_id = event.request_id
              where exists (select 1 from callback_vendor c where c.vendor = expired.vendor)),
            audit as (
              insert into request_audit (request_id, status, reason, actor)
              select request_id, 'EXPIRED', 'NOT_SUBMITTED', :?actor from expired)
            select cast(request_id as text) as request_id, vendor from expired
            """;

    /**
     * Expires the shots no generator started of the oldest 500 requests still {@code QUEUED}
     * {@link #DEADLINE_GRACE_MILLIS} after their deadline (no generator came, or the queue was too
     * long): each → {@code EXPIRED}, reason {@code DEADLINE_MISSED}, with its {@code shot-done}
     * event and audit row; returns those requests so that {@link RequestSql#FINISH_REQUEST} can
     * finish them. A generator that receives such a job later converts nothing (its deadline
     * passed), and a shot a generator started is left to finish. Request row first.
     */
    public static final String EXPIRE_LATE_SHOTS = """
            with due as (
              select request_id from conversion_request
              where status = 'QUEUED'
                and deadline_at < now() - cast(:?deadlineGraceMillis as bigint) * interval '1 millisecond'
              order by deadline_at
              limit 500
              for no key update skip locked),
            expired as (
              update shot s
              set status = 'EXPIRED', error = 'no generator took the shot before the deadline',
                  reason = 'DEADLINE_MISSED', finished_at = now()
              from due
              where s.request_id = due.request_id and s.status = 'QUEUED' and s.started_at is null
              returning s.request_id, s.shot, s.status, s.error, s.reason),
            events as (
              insert into request_event (request_id, type, shot, status, error, reason)
              select request_id, 'shot-done', shot, status, error, reason from expired),
            audit as (
              insert into request_audit (request_id, shot, status, reason, actor)
              select request_id, shot, status, reason, :?actor from expired)
            select distinct cast(request_id as text) as request_id from expired
            """;

    /**
     * Fails the pending shots of the oldest 500 requests still {@code QUEUED}
     * {@link #REQUEST_EXPIRY_MILLIS} after their claim (their jobs went to a dead-letter queue, or
     * were lost) with the reason {@code GENERATOR_FAILED}, storing a {@code shot-done} event and an
     * audit row for each, and returns those requests so that
     * {@link RequestSql#FINISH_REQUEST} can finish them. Request row first, as every writer does.
     */
    public static final String FAIL_OVERDUE_SHOTS = """
            with due as (
              select request_id from conversion_request
              where status = 'QUEUED'
                and queued_at < now() - cast(:?requestExpiryMillis as bigint) * interval '1 millisecond'
              order by queued_at
              limit 500
              for no key update skip locked),
            failed as (
              update shot s
              set status = 'FAILED', error = 'not converted before the request expired', reason = 'GENERATOR_FAILED',
                  finished_at = now()
              from due
              where s.request_id = due.request_id and s.status = 'QUEUED'
              returning s.request_id, s.shot, s.status, s.error, s.reason),
            events as (
              insert into request_event (request_id, type, shot, status, error, reason)
              select request_id, 'shot-done', shot, status, error, reason from failed),
            audit as (
              insert into request_audit (request_id, shot, status, reason, actor)
              select request_id, shot, status, reason, :?actor from failed)
            select cast(request_id as text) as request_id from due
            """;

    private SweepSql() {
    }
}
