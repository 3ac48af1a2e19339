-- Conversion requests and their shots. Status life:
-- PRE_REQUESTED -> UPLOADED -> QUEUED -> DONE | FAILED | EXPIRED
create table conversion_request (
    request_id  uuid        primary key,
    vendor      text        not null,
    concept     text        not null,
    shots       integer     not null check (shots between 1 and 4),
    status      text        not null check (status in ('PRE_REQUESTED', 'UPLOADED', 'QUEUED', 'DONE', 'FAILED', 'EXPIRED')),
    created_at  timestamptz not null default now(),
    uploaded_at timestamptz,
    queued_at   timestamptz,
    finished_at timestamptz,
    updated_at  timestamptz not null default now()
);

create index conversion_request_vendor_status on conversion_request (vendor, status);

create table shot (
    request_id  uuid        not null references conversion_request (request_id) on delete cascade,
    shot        integer     not null check (shot between 1 and 4),
    status      text        not null check (status in ('PRE_REQUESTED', 'UPLOADED', 'QUEUED', 'DONE', 'FAILED', 'EXPIRED')),
    generator   text,
    error       text,
    queued_at   timestamptz,
    started_at  timestamptz,
    finished_at timestamptz,
    primary key (request_id, shot)
);
