-- API keys kept in the database (beside those in the configuration), as SHA-256 hashes only.
-- Rotation: insert the new key, move the kiosks over, then set revoked_at on the old one.
create table vendor_api_key (
    key_hash   text        primary key check (key_hash ~ '^[0-9a-f]{64}$'),
    vendor     text        not null,
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);

-- A kiosk may repeat a pre-request with the same Idempotency-Key and get the same request back.
alter table conversion_request add column idempotency_key text;
create unique index conversion_request_idempotency
    on conversion_request (vendor, idempotency_key) where idempotency_key is not null;

-- The photo format the kiosk uploads, pinned in its presigned URLs.
alter table conversion_request add column content_type text not null default 'image/jpeg'
    check (content_type in ('image/jpeg', 'image/png'));
