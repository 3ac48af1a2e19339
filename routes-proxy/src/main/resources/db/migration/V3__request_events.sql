-- The progress events of a request, streamed to kiosks as Server-Sent Events
-- (GET /api/v1/requests/{requestId}/events). Each is stored by the guarded statement of the change
-- it reports, once: queued (CLAIM_FOR_QUEUE), processing (RECORD_SHOT_STARTED), shot-done
-- (RECORD_SHOT), done and failed (FINISH_REQUEST). event_id is the SSE id; a kiosk resumes after it.
-- The writers of one request lock its conversion_request row first, so its events commit in
-- event_id order.
create table request_event (
    event_id   bigserial   primary key,
    request_id uuid        not null references conversion_request (request_id) on delete cascade,
    type       text        not null check (type in ('queued', 'processing', 'shot-done', 'done', 'failed')),
    -- the shot of processing and shot-done; null for the request's events
    shot       integer     check (shot between 1 and 4),
    -- what the event reports: QUEUED, PROCESSING, the shot's DONE or FAILED, the request's DONE or FAILED
    status     text        not null check (status in ('QUEUED', 'PROCESSING', 'DONE', 'FAILED')),
    -- why the shot failed (shot-done only)
    error      text,
    created_at timestamptz not null default now(),
    check ((shot is not null) = (type in ('processing', 'shot-done')))
);

create index request_event_request on request_event (request_id, event_id);
