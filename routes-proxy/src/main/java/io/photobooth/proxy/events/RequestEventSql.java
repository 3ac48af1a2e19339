package io.photobooth.proxy.events;

/**
 * The SQL of the request events that is not part of a {@code RequestSql} transition: the reads of
 * the event stream, and the record of a shot's start. Like every writer of {@code request_event},
 * the start locks the request's row before it inserts, and keeps the lock until it commits, so that
 * the events of one request are committed in the order of their ids and a reader that resumes
 * after an id never skips one committed later.
 */
public final class RequestEventSql {

    /** The request, if it is the caller's; one row or none. */
    public static final String SELECT_REQUEST_OF_VENDOR = """
            select status from conversion_request
            where request_id = cast(:?requestId as uuid) and vendor = :?vendor
            """;

    /**
     * The request's status and shots, with each stored event after {@code lastEventId} in id order;
     * one row without an event when there is none, no row when the request is not the caller's.
     */
    public static final String EVENTS_AFTER = """
            select r.status as request_status, r.shots, e.event_id, e.type, e.shot, e.status, e.error, e.reason
            from conversion_request r
            left join request_event e on e.request_id = r.request_id and e.event_id > :?lastEventId
            where r.request_id = cast(:?requestId as uuid) and r.vendor = :?vendor
            order by e.event_id
            """;

    /**
     * A generator started converting a shot: records when and where, and the {@code processing}
     * event and audit row, once per shot, and only while the shot is {@code QUEUED} (never after its outcome).
     */
    public static final String RECORD_SHOT_STARTED = """
            with request as (
              select request_id from conversion_request
              where request_id = cast(:?requestId as uuid)
              for no key update),
            started as (
              update shot s set started_at = :?startedAt, generator = :?generator
              from request
              where s.request_id = request.request_id and s.shot = :?shot
                and s.status = 'QUEUED' and s.started_at is null
              returning s.request_id, s.shot),
            audit as (
              insert into request_audit (request_id, shot, status, actor)
              select request_id, shot, 'PROCESSING', :?actor from started)
            insert into request_event (request_id, type, shot, status)
            select request_id, 'processing', shot, 'PROCESSING' from started
            """;

    private RequestEventSql() {
    }
}
