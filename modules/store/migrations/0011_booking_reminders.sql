-- Lumen schema version 11: reminder messages for booked appointments (sent the day before),
-- one row per booking, so a reminder is sent once and a failed one is retried.
CREATE TABLE booking_reminders (
    booking_id  INTEGER PRIMARY KEY REFERENCES bookings(id),
    exam_id     INTEGER NOT NULL REFERENCES exams(id),
    patient_id  INTEGER NOT NULL REFERENCES patients(id),
    slot_date   TEXT NOT NULL,
    phone       TEXT NOT NULL,
    message     TEXT NOT NULL,
    sender      TEXT NOT NULL, -- log | webhook
    status      TEXT NOT NULL, -- sent | failed
    attempts    INTEGER NOT NULL,
    last_error  TEXT,
    updated_at  TEXT NOT NULL
);
CREATE INDEX booking_reminders_date ON booking_reminders(slot_date);
