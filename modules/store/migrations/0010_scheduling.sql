-- Lumen schema version 10: the appointment book. The scheduling configuration is one JSON
-- document (read and checked by the server's scheduling module); bookings keep the request
-- facts the rules tested, so the book reloads exactly as it was; room stops and the no-show
-- register; queue tickets per room and day, and the calls a queue screen announces.
CREATE TABLE scheduling_config (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    document   TEXT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

-- `id` is the engine's booking id. Cancelled rows stay as history; at most one live booking
-- per exam.
CREATE TABLE bookings (
    id                    INTEGER PRIMARY KEY,
    exam_id               INTEGER NOT NULL REFERENCES exams(id),
    patient_id            INTEGER NOT NULL REFERENCES patients(id),
    room_id               TEXT NOT NULL,
    date                  TEXT NOT NULL,
    start_minute          INTEGER NOT NULL,
    end_minute            INTEGER NOT NULL,
    method_id             TEXT NOT NULL,
    body_part_ids         TEXT NOT NULL, -- joined by U+001F (unit separator)
    group_id              TEXT NOT NULL,
    precautions           TEXT NOT NULL,
    status                TEXT NOT NULL, -- booked | checked_in | no_show | cancelled
    channel               TEXT NOT NULL,
    patient_sex           TEXT NOT NULL,
    patient_birth_date    TEXT,
    patient_source        TEXT NOT NULL,
    requesting_department TEXT NOT NULL,
    priority              TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    created_by            TEXT NOT NULL,
    cancelled_at          TEXT,
    cancelled_by          TEXT,
    cancel_reason         TEXT
);
CREATE UNIQUE INDEX bookings_live_exam ON bookings(exam_id) WHERE status <> 'cancelled';
CREATE INDEX bookings_date_room ON bookings(date, room_id, start_minute);
CREATE INDEX bookings_patient ON bookings(patient_id, date);

CREATE TABLE room_stops (
    id         TEXT PRIMARY KEY,
    room_id    TEXT NOT NULL,
    from_date  TEXT NOT NULL,
    to_date    TEXT NOT NULL,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

CREATE TABLE no_show_register (
    patient_id          INTEGER PRIMARY KEY REFERENCES patients(id),
    consecutive_no_shows INTEGER NOT NULL,
    blacklisted_at      INTEGER -- local minute since 1970
);

CREATE TABLE queue_tickets (
    exam_id    INTEGER PRIMARY KEY REFERENCES exams(id),
    room_id    TEXT NOT NULL,
    day        TEXT NOT NULL,
    number     INTEGER NOT NULL,
    ticket     TEXT NOT NULL,
    issued_at  TEXT NOT NULL,
    -- Skipped patients go behind the next one: the queue orders by this, then by number.
    order_key  INTEGER NOT NULL,
    UNIQUE (room_id, day, number)
);

CREATE TABLE queue_calls (
    seq      INTEGER PRIMARY KEY,
    exam_id  INTEGER NOT NULL REFERENCES exams(id),
    room_id  TEXT NOT NULL,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL -- call | recall
);
CREATE INDEX queue_calls_room ON queue_calls(room_id, seq);
