-- Lumen schema version 4: Storage Commitment Push Model requests (PS3.4 Annex J). A request is
-- recorded here before the N-ACTION is answered, so that its report survives a crash.
CREATE TABLE storage_commitments (
    id              INTEGER PRIMARY KEY,
    transaction_uid TEXT NOT NULL UNIQUE,
    calling_ae      TEXT NOT NULL,          -- who asked; the report goes to its registered host/port
    peer_address    TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL DEFAULT 'pending', -- pending | reported | failed
    attempts        INTEGER NOT NULL DEFAULT 0,      -- report deliveries tried so far
    next_attempt_ms INTEGER NOT NULL DEFAULT 0,      -- Unix ms; a pending report is due from then
    last_error      TEXT NOT NULL DEFAULT '',
    committed_count INTEGER,                -- of the last report built; NULL before the first
    failed_count    INTEGER,
    received_at     TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    reported_at     TEXT                    -- when the peer acknowledged the N-EVENT-REPORT
);
CREATE INDEX storage_commitments_due ON storage_commitments(state, next_attempt_ms);

CREATE TABLE storage_commitment_references (
    commitment_id    INTEGER NOT NULL REFERENCES storage_commitments(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL, -- order of the request's Referenced SOP Sequence
    sop_class_uid    TEXT NOT NULL,
    sop_instance_uid TEXT NOT NULL,
    PRIMARY KEY (commitment_id, position)
);
