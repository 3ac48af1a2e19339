-- What a vendor's payment system acts on (docs/vendors.md): deadlines, refund reasons, signed
-- callbacks from an outbox, usage and the audit trail.

-- The deadline a request must be converted by: its length is fixed at the pre-request (the
-- vendor's or concept's default, or the kiosk's shorter one), and it runs from the main request
-- (set with queued_at). refund_reason is set when the request ends FAILED or EXPIRED, or DONE after
-- its deadline: the request is then refund-eligible.
alter table conversion_request add column deadline_seconds integer not null default 120
    check (deadline_seconds between 1 and 86400);
alter table conversion_request alter column deadline_seconds drop default;
alter table conversion_request add column deadline_at timestamptz;
alter table conversion_request add column refund_reason text
    check (refund_reason in ('GENERATOR_FAILED', 'INPUT_REJECTED', 'DEADLINE_MISSED', 'NOT_SUBMITTED'));

-- why a shot ended FAILED or EXPIRED; the model's time on a converted shot (usage's GPU seconds)
alter table shot add column reason text
    check (reason in ('GENERATOR_FAILED', 'INPUT_REJECTED', 'DEADLINE_MISSED', 'NOT_SUBMITTED'));
alter table shot add column gpu_millis bigint check (gpu_millis >= 0);

-- request_event: a request (and a shot) may end EXPIRED; a final or shot-done event carries its reason
alter table request_event drop constraint request_event_type_check;
alter table request_event add constraint request_event_type_check
    check (type in ('queued', 'processing', 'shot-done', 'done', 'failed', 'expired'));
alter table request_event drop constraint request_event_status_check;
alter table request_event add constraint request_event_status_check
    check (status in ('QUEUED', 'PROCESSING', 'DONE', 'FAILED', 'EXPIRED'));
alter table request_event add column reason text
    check (reason in ('GENERATOR_FAILED', 'INPUT_REJECTED', 'DEADLINE_MISSED', 'NOT_SUBMITTED'));

-- Usage (GET /api/v1/usage) reads a vendor's requests by the day they were made.
create index conversion_request_vendor_created on conversion_request (vendor, created_at);

-- The audit trail: every state change of a request or one of its shots, when, and by which
-- component ("proxy:{proxy-id}" or "generator:{instance-id}"). Written by the statement that makes
-- the change, in the same statement.
create table request_audit (
    audit_id   bigserial   primary key,
    request_id uuid        not null references conversion_request (request_id) on delete cascade,
    -- null for a change of the request
    shot       integer     check (shot between 1 and 4),
    status     text        not null check (status in ('PRE_REQUESTED', 'UPLOADED', 'QUEUED', 'PROCESSING', 'DONE',
                                                      'FAILED', 'EXPIRED')),
    reason     text        check (reason in ('GENERATOR_FAILED', 'INPUT_REJECTED', 'DEADLINE_MISSED', 'NOT_SUBMITTED')),
    actor      text        not null,
    changed_at timestamptz not null default clock_timestamp()
);

create index request_audit_request on request_audit (request_id, audit_id);

-- Vendor callbacks. callback_vendor lists the vendors with a callback URL, written at start-up from
-- the configuration; the statement that stores a request's final event (done, failed, expired)
-- also stores its delivery here, in the same statement, when the vendor is listed: the outbox that
-- route callback-delivery works off.
create table callback_vendor (
    vendor text primary key
);

create table callback_delivery (
    delivery_id     bigserial   primary key,
    event_id        bigint      not null unique references request_event (event_id) on delete cascade,
    request_id      uuid        not null references conversion_request (request_id) on delete cascade,
    vendor          text        not null,
    status          text        not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'GAVE_UP')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    delivered_at    timestamptz,
    created_at      timestamptz not null default now()
);

create index callback_delivery_due on callback_delivery (next_attempt_at) where status = 'PENDING';
create index callback_delivery_request on callback_delivery (request_id);

-- every attempt of a delivery: the HTTP status the receiver answered, or why there was none
create table callback_attempt (
    delivery_id  bigint      not null references callback_delivery (delivery_id) on delete cascade,
    attempt      integer     not null,
    attempted_at timestamptz not null,
    status_code  integer,
    error        text,
    duration_ms  integer     not null,
    primary key (delivery_id, attempt)
);
