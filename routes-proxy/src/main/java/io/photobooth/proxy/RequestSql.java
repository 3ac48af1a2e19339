package io.photobooth.proxy;

import io.photobooth.conversion.CompletionReader;

/**
 * The SQL of the request records, run through camel-jdbc with the exchange headers as named
 * parameters. Every status change is guarded by the status it leaves, so that two proxies or a
 * duplicated event can never move a request or a shot backwards, or count it twice. A change that
 * a kiosk can follow also stores its {@code request_event} in the same statement, from the rows
 * the guarded update changed, so each event is stored exactly once. Such a statement locks the
 * request's row before it inserts the event (the update of the request, or an explicit
 * {@code for no key update}, always before any shot row), so that the events of one request are
 * committed in the order of their ids. Every change of a request's or a shot's status also adds
 * its {@code request_audit} row, in the same statement, naming the {@link #ACTOR} that made it; and
 * a request's final event (done, failed, expired) adds its callback delivery to the outbox when the
 * vendor has a callback ({@code callback_vendor}).
 */
public final class RequestSql {

    /**
     * camel-jdbc on Spring Boot's DataSource, parameters from headers ({@code :?name}). Each
     * statement here is atomic on its own and runs in the pool's auto-commit mode:
     * {@code resetAutoCommit=false} keeps camel-jdbc from wrapping it in a transaction of its own,
     * whose {@code COMMIT} is a second round trip to the database for every statement
     * (docs/benchmarks.md, integration overhead).
     */
    public static final String JDBC = "jdbc:dataSource?useHeadersAsParameters=true&resetAutoCommit=false";

    /**
     * Header of who makes a change, for the audit trail: {@code proxy:{proxy-id}} or
     * {@code generator:{instance}}, as {@link CompletionReader} sets it from a completion event.
     */
    public static final String ACTOR = CompletionReader.ACTOR;
    /** The {@link #ACTOR} of a change this proxy makes, as a simple expression. */
    public static final String PROXY_ACTOR = "proxy:{{photobooth.proxy-id}}";

    /**
     * Records a request and its shots in one statement. An update count of 0 means the vendor used
     * the same Idempotency-Key before: nothing was written.
     */
    public static final String INSERT_REQUEST = """
            with request as (
              insert into conversion_request (request_id, vendor, concept, shots, content_type, status, idempotency_key,
                                              deadline_seconds)
              values (cast(:?requestId as uuid), :?vendor, :?concept, :?shots, :?photoContentType, 'PRE_REQUESTED',
                      nullif(:?idempotencyKey, ''), :?deadlineSeconds)
              on conflict (vendor, idempotency_key) where idempotency_key is not null do nothing
              returning request_id, shots),
            audit as (
              insert into request_audit (request_id, status, actor)
              select request_id, 'PRE_REQUESTED', :?actor from request)
            insert into shot (request_id, shot, status)
            select request.request_id, s, 'PRE_REQUESTED' from request, generate_series(1, request.shots) s
            """;

    /** The request this vendor made before with the same Idempotency-Key. */
    public static final String SELECT_BY_IDEMPOTENCY_KEY = """
            select request_id, concept, shots, content_type, status, deadline_seconds from conversion_request
            where vendor = :?vendor and idempotency_key = :?idempotencyKey
            """;

    public static final String SELECT_REQUEST = """
            select r.request_id, r.concept, r.shots, r.content_type, r.status, r.created_at, r.finished_at,
                   r.deadline_seconds, r.deadline_at, r.refund_reason,
                   s.shot, s.status as shot_status, s.error, s.reason
            from conversion_request r join shot s on s.request_id = r.request_id
            where r.request_id = cast(:?requestId as uuid) and r.vendor = :?vendor
            order by s.shot
            """;

    /**
     * Claims an uploaded request for enqueueing and starts its deadline ({@code deadlineAt}); an
     * update count of 0 means another call won. The first claim of a request stores its
     * {@code queued} event (a claim released because the jobs could not be sent, and claimed again,
     * stores none).
     */
    public static final String CLAIM_FOR_QUEUE = """
            with claimed as (
              update conversion_request
              set status = 'QUEUED', uploaded_at = coalesce(uploaded_at, now()), queued_at = now(), updated_at = now(),
                  deadline_at = :?deadlineAt
              where request_id = cast(:?requestId as uuid) and vendor = :?vendor
                and status in ('PRE_REQUESTED', 'UPLOADED')
              returning request_id),
            audit as (
              insert into request_audit (request_id, status, actor)
              select request_id, 'QUEUED', :?actor from claimed),
            queued_event as (
              insert into request_event (request_id, type, status)
              select request_id, 'queued', 'QUEUED' from claimed
              where not exists (select 1 from request_event e
                                where e.request_id = claimed.request_id and e.type = 'queued'))
            update shot set status = 'QUEUED', queued_at = now()
            where request_id in (select request_id from claimed) and status in ('PRE_REQUESTED', 'UPLOADED')
            """;

    /** Gives a claim back when the jobs could not be sent, so that a retry can enqueue them. */
    public static final String RELEASE_CLAIM = """
            with released as (
              update conversion_request set status = 'UPLOADED', queued_at = null, deadline_at = null, updated_at = now()
              where request_id = cast(:?requestId as uuid) and status = 'QUEUED'
              returning request_id),
            audit as (
              insert into request_audit (request_id, status, actor)
              select request_id, 'UPLOADED', :?actor from released)
            update shot set status = 'UPLOADED', queued_at = null
            where request_id in (select request_id from released) and status = 'QUEUED'
            """;

    /**
     * Records a shot's outcome (DONE, FAILED or EXPIRED, with its reason and the model's time) and
     * stores its {@code shot-done} event, only if the shot is {@code QUEUED}; the update count is 1
     * when this run recorded it.
     */
    public static final String RECORD_SHOT = """
            with request as (
              select request_id from conversion_request
              where request_id = cast(:?requestId as uuid)
              for no key update),
            recorded as (
              update shot s
              set status = :?shotStatus, generator = :?generator, error = :?error, reason = :?reason,
                  gpu_millis = :?gpuMillis,
                  started_at = coalesce(:?startedAt, s.started_at), finished_at = :?finishedAt
              from request
              where s.request_id = request.request_id and s.shot = :?shot and s.status = 'QUEUED'
              returning s.request_id, s.shot, s.status, s.error, s.reason),
            audit as (
              insert into request_audit (request_id, shot, status, reason, actor)
              select request_id, shot, status, reason, :?actor from recorded)
            insert into request_event (request_id, type, shot, status, error, reason)
            select request_id, 'shot-done', shot, status, error, reason from recorded
            """;

    /**
     * Finishes a request once none of its shots is pending: DONE if all are done, else FAILED if one
     * failed, else EXPIRED. Its refund reason: that of its first failed shot, else of its first
     * expired one, or {@code DEADLINE_MISSED} when it is done after its deadline. Stores its {@code done},
     * {@code failed} or {@code expired} event with that reason, the event's callback delivery if the
     * vendor has a callback, and the audit row; the update count is 1 when this run finished it.
     */
    public static final String FINISH_REQUEST = """
            with finished as (
              update conversion_request r
              set status = case when not exists (select 1 from shot s
                                                 where s.request_id = r.request_id and s.status <> 'DONE') then 'DONE'
                                when exists (select 1 from shot s
                                             where s.request_id = r.request_id and s.status = 'FAILED') then 'FAILED'
                                else 'EXPIRED' end,
                  refund_reason = coalesce(
                      (select coalesce(s.reason, 'GENERATOR_FAILED') from shot s
                       where s.request_id = r.request_id and s.status <> 'DONE'
                       order by s.status = 'FAILED' desc, s.shot limit 1),
                      case when r.deadline_at < now() then 'DEADLINE_MISSED' end),
                  finished_at = now(), updated_at = now()
              where r.request_id = cast(:?requestId as uuid) and r.status = 'QUEUED'
                and not exists (select 1 from shot s where s.request_id = r.request_id
                                and s.status in ('PRE_REQUESTED', 'UPLOADED', 'QUEUED'))
              returning r.request_id, r.vendor, r.status, r.refund_reason),
            event as (
              insert into request_event (request_id, type, status, reason)
              select request_id, lower(status), status, refund_reason from finished
              returning event_id, request_id),
            delivery as (
              insert into callback_delivery (event_id, request_id, vendor)
              select event.event_id, event.request_id, finished.vendor
              from event join finished on finished.request_id = event.request_id
              where exists (select 1 from callback_vendor c where c.vendor = finished.vendor))
            insert into request_audit (request_id, status, reason, actor)
            select request_id, status, refund_reason, :?actor from finished
            """;

    /** Whether the request has reached a final status; read after {@link #FINISH_REQUEST}. */
    public static final String REQUEST_FINISHED = """
            select status in ('DONE', 'FAILED', 'EXPIRED') as finished
            from conversion_request where request_id = cast(:?requestId as uuid)
            """;

    private RequestSql() {
    }
}
