-- Lumen schema version 12: files attached to an exam, e.g. the scanned paper requisition.
-- The bytes live under the data folder (`path`, relative); the row is written after the file
-- is durable, so a row never points at a missing file.
CREATE TABLE exam_attachments (
    id           INTEGER PRIMARY KEY,
    exam_id      INTEGER NOT NULL REFERENCES exams(id),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    path         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
);
CREATE INDEX exam_attachments_exam ON exam_attachments(exam_id, id);
