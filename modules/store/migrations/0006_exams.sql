-- Lumen schema version 6: exams (orders) for patients, the timeline of every status change,
-- the daily accession number counters and the dictionary of HIS exam codes.
-- Status and the other codes are checked by the application (lumen::core), not by CHECK
-- constraints, so a later status (e.g. from MPPS) needs no table rebuild in SQLite.
CREATE TABLE exams (
    id                    INTEGER PRIMARY KEY,
    patient_id            INTEGER NOT NULL REFERENCES patients(id),
    accession_number      TEXT NOT NULL UNIQUE,
    status                TEXT NOT NULL,
    department            TEXT NOT NULL,
    modality              TEXT NOT NULL,
    requesting_department TEXT,
    requesting_doctor     TEXT,
    clinical_diagnosis    TEXT,
    clinical_history      TEXT,
    patient_source        TEXT NOT NULL,
    priority              TEXT NOT NULL,
    -- '' for "the HIS": NULLs would never collide, so the empty string keeps the pair unique.
    his_system            TEXT NOT NULL DEFAULT '',
    his_request_no        TEXT,
    fee_status            TEXT NOT NULL,
    scheduled_at          TEXT,
    room                  TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    version               INTEGER NOT NULL DEFAULT 1,
    UNIQUE (his_system, his_request_no)
);
CREATE INDEX exams_patient ON exams(patient_id, id);
CREATE INDEX exams_status ON exams(status, id);
CREATE INDEX exams_department_created ON exams(department, created_at);
CREATE INDEX exams_created ON exams(created_at);
CREATE INDEX exams_scheduled ON exams(scheduled_at);

-- The items of a (combined) exam, in the order they were requested.
CREATE TABLE exam_items (
    exam_id            INTEGER NOT NULL REFERENCES exams(id) ON DELETE CASCADE,
    position           INTEGER NOT NULL,
    method             TEXT NOT NULL,
    body_part          TEXT NOT NULL,
    his_item_code      TEXT,
    his_body_part_code TEXT,
    PRIMARY KEY (exam_id, position)
);

-- The closed loop: one row per status change (from_status NULL for the registration).
CREATE TABLE exam_events (
    id                INTEGER PRIMARY KEY,
    exam_id           INTEGER NOT NULL REFERENCES exams(id),
    at                TEXT NOT NULL,
    user              TEXT NOT NULL,
    user_display_name TEXT NOT NULL,
    from_status       TEXT,
    to_status         TEXT NOT NULL,
    note              TEXT
);
CREATE INDEX exam_events_exam ON exam_events(exam_id, id);

-- Last sequence given per accession prefix (department letter + local date).
CREATE TABLE accession_counters (
    prefix        TEXT PRIMARY KEY,
    last_sequence INTEGER NOT NULL
);

-- HIS exam item / body part codes -> Lumen exam method / body part ('' = any HIS).
CREATE TABLE exam_dictionary (
    id         INTEGER PRIMARY KEY,
    his_system TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL CHECK (kind IN ('item', 'body_part')),
    his_code   TEXT NOT NULL,
    his_name   TEXT,
    method     TEXT,
    body_part  TEXT,
    department TEXT,
    modality   TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (his_system, kind, his_code)
);
