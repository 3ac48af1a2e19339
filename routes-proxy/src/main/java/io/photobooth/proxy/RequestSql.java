package io.photobooth.proxy;

/**
 * The SQL of the request records, run through camel-jdbc with the exchange headers as named
 * parameters. Every status change is guarded by the status it leaves, so that two proxies or a
 * duplicated event can never move a request or a shot backwards, or count it twice.
 */
public final class RequestSql {

    /** camel-jdbc on Spring Boot's DataSource, parameters from headers ({@code :?name}). */
    public static final String JDBC = "jdbc:dataSource?useHeadersAsParameters=true";

    public static final String INSERT_REQUEST = """
            with request as (
              insert into conversion_request (request_id, vendor, concept, shots, status)
              values (cast(:?requestId as uuid), :?vendor, :?concept, :?shots, 'PRE_REQUESTED')
              returning request_id, shots)
            insert into shot (request_id, shot, status)
            select request.request_id, s, 'PRE_REQUESTED' from request, generate_series(1, request.shots) s
            """;

    public static final String SELECT_REQUEST = """
            select r.request_id, r.concept, r.shots, r.status, r.created_at, r.finished_at,
                   s.shot, s.status as shot_status, s.error
            from conversion_request r join shot s on s.request_id = r.request_id
            where r.request_id = cast(:?requestId as uuid) and r.vendor = :?vendor
            order by s.shot
            """;

    /** Claims an uploaded request for enqueueing; an update count of 0 means another call won. */
    public static final String CLAIM_FOR_QUEUE = """
            with claimed as (
              update conversion_request
              set status = 'QUEUED', uploaded_at = coalesce(uploaded_at, now()), queued_at = now(), updated_at = now()
              where request_id = cast(:?requestId as uuid) and vendor = :?vendor
                and status in ('PRE_REQUESTED', 'UPLOADED')
              returning request_id)
            update shot set status = 'QUEUED', queued_at = now()
            where request_id in (select request_id from claimed) and status in ('PRE_REQUESTED', 'UPLOADED')
            """;

    /** Gives a claim back when the jobs could not be sent, so that a retry can enqueue them. */
    public static final String RELEASE_CLAIM = """
            with released as (
              update conversion_request set status = 'UPLOADED', queued_at = null, updated_at = now()
              where request_id = cast(:?requestId as uuid) and status = 'QUEUED'
              returning request_id)
            update shot set status = 'UPLOADED', queued_at = null
            where request_id in (select request_id from released) and status = 'QUEUED'
            """;

    public static final String RECORD_SHOT = """
            update shot
            set status = :?shotStatus, generator = :?generator, error = :?error,
                started_at = :?startedAt, finished_at = :?finishedAt
            where request_id = cast(:?requestId as uuid) and shot = :?shot and status = 'QUEUED'
            """;

    /** Finishes a request once none of its shots is pending: DONE if all are done, else FAILED. */
    public static final String FINISH_REQUEST = """
            update conversion_request r
            set status = case when (select count(*) from shot s where s.request_id = r.request_id and s.status = 'DONE')
                                   = r.shots then 'DONE' else 'FAILED' end,
                finished_at = now(), updated_at = now()
            where r.request_id = cast(:?requestId as uuid) and r.status = 'QUEUED'
              and not exists (select 1 from shot s where s.request_id = r.request_id
                              and s.status in ('PRE_REQUESTED', 'UPLOADED', 'QUEUED'))
            """;

    /** Whether the request has reached a final status; read after {@link #FINISH_REQUEST}. */
    public static final String REQUEST_FINISHED = """
            select status in ('DONE', 'FAILED', 'EXPIRED') as finished
            from conversion_request where request_id = cast(:?requestId as uuid)
            """;

    private RequestSql() {
    }
}
