-- The shared state of the generator fleet: one row per generator group (a concept's shared
-- instances, or a vendor's dedicated ones), kept by every proxy. Rows are added at start-up from
-- the catalogue. `version` changes with the state and with start requests, never with activity.
create table generator_group (
    group_key          text        primary key,
    state              text        not null default 'STOPPED'
                                   check (state in ('STOPPED', 'STARTING', 'READY', 'STOPPING')),
    version            bigint      not null default 0,
    last_activity_at   timestamptz not null default clock_timestamp(),
    start_requested_at timestamptz,
    stop_requested_at  timestamptz,
    updated_at         timestamptz not null default clock_timestamp()
);

-- the idle stop looks for requests of a concept still in flight or finished within the idle timeout
create index conversion_request_concept_status on conversion_request (concept, status);
create index conversion_request_concept_finished on conversion_request (concept, finished_at);
