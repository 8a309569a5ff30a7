-- Lumen schema version 8: the modality worklist and procedure steps (MPPS).
-- Which room and modality a known AE serves, so that the worklist knows its station AE title.
ALTER TABLE dicom_aes ADD COLUMN room TEXT NOT NULL DEFAULT '';
ALTER TABLE dicom_aes ADD COLUMN modality TEXT NOT NULL DEFAULT '';
-- The Study Instance UID the worklist gave an exam the first time it served it; the modality
-- puts it in the images, so it never changes once given.
ALTER TABLE exams ADD COLUMN study_instance_uid TEXT;
CREATE UNIQUE INDEX exams_study_instance_uid ON exams(study_instance_uid);

-- One Modality Performed Procedure Step instance (PS3.4 F.7) as the modality last set it.
CREATE TABLE mpps_instances (
    sop_instance_uid      TEXT PRIMARY KEY,
    calling_ae            TEXT NOT NULL,
    exam_id               INTEGER REFERENCES exams(id), -- NULL: unscheduled, or no exam matched
    status                TEXT NOT NULL,  -- IN PROGRESS | COMPLETED | DISCONTINUED
    pps_id                TEXT NOT NULL DEFAULT '',
    modality              TEXT NOT NULL DEFAULT '',
    station_ae            TEXT NOT NULL DEFAULT '',
    accession_number      TEXT NOT NULL DEFAULT '',
    study_instance_uid    TEXT NOT NULL DEFAULT '',
    start_date            TEXT NOT NULL DEFAULT '', -- DICOM DA / TM as the modality sent them
    start_time            TEXT NOT NULL DEFAULT '',
    end_date              TEXT NOT NULL DEFAULT '',
    end_time              TEXT NOT NULL DEFAULT '',
    discontinuation_reason TEXT NOT NULL DEFAULT '',
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
CREATE INDEX mpps_instances_exam ON mpps_instances(exam_id);
