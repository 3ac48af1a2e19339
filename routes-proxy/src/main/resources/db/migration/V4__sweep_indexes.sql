-- The timer routes reconcile-completions and expire-requests look, every few seconds on every
-- proxy, for the few requests that are QUEUED or not yet queued; finished requests pile up in the
-- same table. Partial indexes keep those look-ups to the pending rows.
create index conversion_request_queued_at on conversion_request (queued_at) where status = 'QUEUED';
create index conversion_request_unqueued_created_at on conversion_request (created_at)
    where status in ('PRE_REQUESTED', 'UPLOADED');
