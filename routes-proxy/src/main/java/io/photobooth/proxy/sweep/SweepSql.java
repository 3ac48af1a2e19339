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
     * Expires every request (and its shots) still {@code PRE_REQUESTED} or {@code UPLOADED}
     * {@link #REQUEST_EXPIRY_MILLIS} after its pre-request, and returns the requests it expired. A
     * request claimed or expired by another proxy meanwhile fails the status guard and is not
     * returned, so each expired request is returned to exactly one sweep.
     */
    public static final String EXPIRE_REQUESTS = """
            with expired as (
              update conversion_request
              set status = 'EXPIRED', finished_at = now(), updated_at = now()
              where status in ('PRE_REQUESTED', 'UPLOADED')
                and created_at < now() - cast(:?requestExpiryMillis as bigint) * interval '1 millisecond'
              returning request_id, vendor),
            expired_shots as (
              update shot set status = 'EXPIRED'
              where request_id in (select request_id from expired) and status in ('PRE_REQUESTED', 'UPLOADED'))
            select cast(request_id as text) as request_id, vendor from expired
            """;

    private SweepSql() {
    }
}
